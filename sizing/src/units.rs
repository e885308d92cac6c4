//! How numbers are written for people: thousands separators, binary sizes as
//! Windows and SQL Server show them (1 KB = 1,024 bytes), IOPS to 4 decimals.

/// `1234567.891` with `decimals` → `1,234,567.89`. Non-finite values are written
/// as "not computable".
pub fn grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "not computable".to_string();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
    // Rounding can turn -0.0001 into "0.000": no minus sign then.
    let is_zero = text.bytes().all(|b| b == b'0' || b == b'.');
    if value < 0.0 && !is_zero {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A count: whole numbers without decimals, others with up to 2.
pub fn count(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 {
        grouped(value, 0)
    } else {
        trim_zeros(grouped(value, 2))
    }
}

/// Drops trailing fractional zeros: "1.50" → "1.5", "2.00" → "2".
pub fn trim_zeros(text: String) -> String {
    if !text.contains('.') {
        return text;
    }
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Bytes in binary units: `2925000000` → `2.72 GB`.
pub fn bytes(value: f64) -> String {
    if !value.is_finite() {
        return "not computable".to_string();
    }
    const UNITS: [&str; 6] = ["B", "KB", "MB", "GB", "TB", "PB"];
    let mut scaled = value;
    let mut unit = 0;
    while scaled.abs() >= 1024.0 && unit < UNITS.len() - 1 {
        scaled /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{} B", grouped(value, 0))
    } else {
        format!("{} {}", grouped(scaled, 2), UNITS[unit])
    }
}

/// Bytes exactly and in binary units: `2,925,000,000 B (2.72 GB)`.
pub fn bytes_exact(value: f64) -> String {
    if value.is_finite() && value.abs() >= 1024.0 {
        format!("{} B ({})", grouped(value, 0), bytes(value))
    } else {
        bytes(value)
    }
}

/// IOPS to 4 decimal places, as the math shows them.
pub fn iops(value: f64) -> String {
    grouped(value, 4)
}

/// IOPS rounded for reading: 2 decimals from 1 up (`13.5673` → `13.57`), two
/// significant digits below (`0.0694` → `0.069`), trailing zeros dropped.
pub fn iops_read(value: f64) -> String {
    if !value.is_finite() {
        return "not computable".to_string();
    }
    let magnitude = value.abs();
    let decimals = if magnitude >= 1.0 || magnitude == 0.0 {
        2
    } else {
        // 0.0694 → 3 decimals; capped so a tiny value stays short.
        ((-magnitude.log10()).floor() as usize + 2).min(12)
    };
    trim_zeros(grouped(value, decimals))
}

/// Hours, with days when long: `72 h (3 days)`.
pub fn hours(value: f64) -> String {
    if !value.is_finite() {
        return "not computable".to_string();
    }
    let h = trim_zeros(grouped(value, 2));
    if value >= 48.0 {
        format!("{h} h ({} days)", trim_zeros(grouped(value / 24.0, 1)))
    } else {
        format!("{h} h")
    }
}

/// Text for a one-line message: control, line-break and invisible characters
/// shown as `\u{…}` escapes, and cut to `max_chars` characters with "…".
pub fn one_line(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n >= max_chars {
            out.push('…');
            break;
        }
        if c.is_control() || crate::render::is_invisible(c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
