//! Pagination and sorting requests, bounded so no client can ask for an unbounded page.

use crate::error::{DomainError, Errors, FieldError};

/// Page size used when the client does not ask for one.
pub const DEFAULT_PER_PAGE: u64 = 20;
/// The largest page a client may ask for.
pub const MAX_PER_PAGE: u64 = 200;

/// A validated page request: `page` counts from 1, `per_page` is 1..=200.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u64,
    pub per_page: u64,
}

impl PageRequest {
    pub fn parse(page: Option<u64>, per_page: Option<u64>) -> Result<Self, DomainError> {
        let mut errors = Errors::new();
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            errors.push(FieldError::new(
                "page",
                "out_of_range",
                "page counts from 1",
            ));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            errors.push(FieldError::new(
                "per_page",
                "out_of_range",
                format!("per_page must be between 1 and {MAX_PER_PAGE}"),
            ));
        }
        errors.finish()?;
        Ok(Self { page, per_page })
    }

    /// Rows to skip before this page.
    pub fn offset(&self) -> u64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

/// One page of results and the total number of matching rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, total: u64, req: PageRequest) -> Self {
        Self {
            items,
            total,
            page: req.page,
            per_page: req.per_page,
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            per_page: self.per_page,
        }
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Asc,
    Desc,
}

/// A sort key chosen from a fixed list, written `name` (ascending) or `-name` (descending).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort<K> {
    pub key: K,
    pub direction: Direction,
}

impl<K: Copy> Sort<K> {
    /// Parses `raw` against the allowed `keys` (`(name, key)` pairs); `None` gives `default`.
    pub fn parse(raw: Option<&str>, keys: &[(&str, K)], default: K) -> Result<Self, DomainError> {
        let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(Self {
                key: default,
                direction: Direction::Asc,
            });
        };
        let (direction, name) = match raw.strip_prefix('-') {
            Some(rest) => (Direction::Desc, rest),
            None => (Direction::Asc, raw),
        };
        keys.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, k)| Self { key: *k, direction })
            .ok_or_else(|| {
                let allowed: Vec<&str> = keys.iter().map(|(n, _)| *n).collect();
                DomainError::field(
                    "sort",
                    "unknown_sort_key",
                    format!(
                        "sort must be one of {} (prefix with - to reverse)",
                        allowed.join(", ")
                    ),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_defaults_to_the_first_page_of_twenty() {
        assert_eq!(
            PageRequest::parse(None, None).ok(),
            Some(PageRequest {
                page: 1,
                per_page: 20
            })
        );
    }

    #[test]
    fn page_rejects_zero_and_oversized_pages_listing_both_fields() {
        let Err(DomainError::Validation(errs)) = PageRequest::parse(Some(0), Some(201)) else {
            panic!("expected a validation error");
        };
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["page", "per_page"]);
    }

    #[test]
    fn offset_skips_previous_pages() {
        let p = PageRequest::parse(Some(3), Some(50)).expect("valid");
        assert_eq!(p.offset(), 100);
    }

    #[test]
    fn sort_reads_direction_prefix_and_rejects_unknown_keys() {
        let keys = [("name", 1), ("nip", 2)];
        let s = Sort::parse(Some("-nip"), &keys, 1).expect("valid");
        assert_eq!((s.key, s.direction), (2, Direction::Desc));
        assert!(Sort::parse(Some("salary"), &keys, 1).is_err());
        assert_eq!(Sort::parse(None, &keys, 1).expect("default").key, 1);
    }
}
