//! What people type into number fields, read leniently but never guessed at:
//! `5,000`, `5000`, ` 5000 `, `5 000` and `2.8` are numbers; `2,8`, `12.`, `1e400`,
//! `NaN`, letters and emoji are not. Range checks are [`crate::analyze`]'s job.

/// Why a text is not a number, in words for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Longest text considered: longer input is refused before any work is done.
pub const MAX_NUMBER_TEXT: usize = 64;

/// Parses a typed number. Empty (or blank) text is `Ok(None)`: the caller decides
/// whether the field may be empty.
pub fn parse_number(text: &str) -> Result<Option<f64>, InputError> {
    let err = |m: &str| Err(InputError(m.to_string()));
    if text.chars().nth(MAX_NUMBER_TEXT).is_some() {
        return err("That is too long to be a number.");
    }
    // Spaces (also no-break and thin spaces) may group digits: "5 000".
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t'))
        .collect();
    if compact.is_empty() {
        return Ok(None);
    }
    let (negative, body) = match compact
        .strip_prefix('-')
        .or_else(|| compact.strip_prefix('\u{2212}'))
    {
        Some(rest) => (true, rest),
        None => (false, compact.strip_prefix('+').unwrap_or(&compact)),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.contains(',') {
        // Commas only as thousands separators: 1,234 or 12,345,678.
        let groups: Vec<&str> = int.split(',').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return err("Use commas only between groups of three digits (5,000) and a point for decimals (2.8).");
        }
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() && frac.is_none_or(str::is_empty) {
        return err("Enter a number, like 5000 or 2.8.");
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return err("Enter a number using digits, like 5000 or 2.8.");
    }
    if let Some(frac) = frac {
        if frac.is_empty() {
            return err("The number is incomplete: add digits after the point or remove it.");
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return err("Enter a number using digits, like 5000 or 2.8.");
        }
    }
    let canonical = format!(
        "{}{}{}",
        if negative { "-" } else { "" },
        if digits.is_empty() { "0" } else { &digits },
        frac.map(|f| format!(".{f}")).unwrap_or_default()
    );
    match canonical.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => err("That number is too large."),
    }
}

/// Parses a typed number for a field; in a field of whole numbers, a point
/// followed by exactly three digits ("12.000") is refused: in much of Europe
/// it groups thousands, so it may mean twelve thousand as well as twelve.
pub fn parse_field_number(text: &str, whole: bool) -> Result<Option<f64>, InputError> {
    let value = parse_number(text)?;
    if whole {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some((int, frac)) = compact.split_once('.') {
            let int = int.trim_start_matches(['-', '+', '\u{2212}']);
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            if frac.len() == 3 && digits(frac) && digits(int) && !int.contains(',') {
                let thousands = crate::units::count(format!("{int}{frac}").parse().unwrap_or(0.0));
                return Err(InputError(format!(
                    "“{compact}” is ambiguous: {int} or {thousands}? Many countries group thousands with a point. This field takes whole numbers: type {int}{frac} (or {thousands}), or {int}."
                )));
            }
        }
    }
    Ok(value)
}

/// Writes a number for a field: grouped thousands, no trailing zeros (`5,000`, `2.8`).
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let text = crate::units::trim_zeros(crate::units::grouped(value, 6));
    // Very small magnitudes would round to 0 at 6 decimals: write them exactly.
    if value != 0.0 && (text == "0" || text == "-0") {
        return value.to_string();
    }
    text
}

/// The DOM id of the control that edits the plan field at `path`
/// (`instances[0].server.cpu_ghz` → `f-instances-0-server-cpu_ghz`).
pub fn field_dom_id(path: &str) -> String {
    let mut id = String::from("f-");
    let mut dash = false;
    for c in path.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
            dash = false;
        } else if !dash {
            id.push('-');
            dash = true;
        }
    }
    id.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_before_three_digits_is_ambiguous_in_a_whole_number_field() {
        for text in ["12.000", "5.000", " 1.500 ", "-3.000"] {
            let e = parse_field_number(text, true).unwrap_err().0;
            assert!(
                e.contains("ambiguous") && e.contains("whole numbers"),
                "{text}: {e}"
            );
        }
        let e = parse_field_number("12.000", true).unwrap_err().0;
        assert!(
            e.contains("12 or 12,000?") && e.contains("type 12000 (or 12,000), or 12."),
            "{e}"
        );
        // Not ambiguous: other fields, other decimals, grouped thousands.
        assert_eq!(parse_field_number("12.000", false), Ok(Some(12.0)));
        assert_eq!(parse_field_number("12.0", true), Ok(Some(12.0)));
        assert_eq!(parse_field_number("12,000", true), Ok(Some(12_000.0)));
        assert_eq!(parse_field_number("1,200.000", true), Ok(Some(1_200.0)));
        assert_eq!(
            parse_field_number("2.5", true),
            Ok(Some(2.5)),
            "range checks say it must be whole"
        );
        assert!(parse_field_number("abc", true).is_err());
    }

    fn ok(t: &str) -> Option<f64> {
        parse_number(t).unwrap()
    }

    #[test]
    fn reads_what_people_type() {
        assert_eq!(ok("5,000"), Some(5000.0));
        assert_eq!(ok("5000"), Some(5000.0));
        assert_eq!(ok(" 5000 "), Some(5000.0));
        assert_eq!(ok("5 000"), Some(5000.0));
        assert_eq!(ok("1,234,567.5"), Some(1_234_567.5));
        assert_eq!(ok("2.8"), Some(2.8));
        assert_eq!(ok(".5"), Some(0.5));
        assert_eq!(ok("-3"), Some(-3.0));
        assert_eq!(ok("+3"), Some(3.0));
        assert_eq!(ok(""), None);
        assert_eq!(ok("   "), None);
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in [
            "2,8", "12.", "1e400", "1e3", "NaN", "inf", "abc", "5k", "🚀", "1.2.3", ",5", "5,00",
            "-", ".", "0x10", "١٢",
        ] {
            assert!(parse_number(bad).is_err(), "{bad} accepted");
        }
        assert!(parse_number(&"9".repeat(10_000)).is_err());
        assert!(parse_number(&"9".repeat(400)).is_err());
        assert!(parse_number("12.").unwrap_err().0.contains("incomplete"));
    }

    #[test]
    fn formats_for_fields() {
        assert_eq!(format_number(5000.0), "5,000");
        assert_eq!(format_number(2.8), "2.8");
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(1e-9), "0.000000001");
        assert_eq!(ok(&format_number(123_456.789)), Some(123_456.789));
    }

    #[test]
    fn dom_ids() {
        assert_eq!(
            field_dom_id("instances[0].server.cpu_ghz"),
            "f-instances-0-server-cpu_ghz"
        );
        assert_eq!(
            field_dom_id("assumptions.retention_days"),
            "f-assumptions-retention_days"
        );
        assert_eq!(field_dom_id("total_users"), "f-total_users");
    }
}
