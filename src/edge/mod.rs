//! The page's edges: the only code that touches local storage (`storage`,
//! and through it `persist`), the address bar (`address`) and files (`files`).

pub mod address;
pub mod files;
pub mod persist;
pub mod storage;
