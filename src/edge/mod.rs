//! The page's edges: the only code that touches local storage (`storage`,
//! and through it `persist`), the address bar (`address`), files (`files`) and
//! the network (`defaults`: the organization's `site-defaults.json`, from the
//! page's own origin).

pub mod address;
pub mod defaults;
pub mod files;
pub mod persist;
pub mod storage;
