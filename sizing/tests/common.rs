//! A plan that passes every rule, for tests to bend one way at a time.
#![allow(dead_code)]

use medv_sizing::plan::*;

include!("../src/analyze/rules/clean_plan.rs");
