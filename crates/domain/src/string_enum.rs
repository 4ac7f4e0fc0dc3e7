//! A small macro giving domain enums a stable string form (`as_str`, `FromStr`, `ALL`).
//! Stored values and query parameters use these strings, so renaming a variant in code never
//! changes data.

/// Implements `as_str`, `ALL`, `Display` and `FromStr` for a fieldless enum.
#[macro_export]
macro_rules! string_enum {
    ($ty:ident { $($variant:ident => $s:literal),+ $(,)? }) => {
        impl $ty {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The stable string stored in the database and used on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $s),+ }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::error::FieldError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($s => Ok($ty::$variant),)+
                    _ => Err($crate::error::FieldError::new(
                        "",
                        "unknown_value",
                        format!("must be one of {}", [$($s),+].join(", ")),
                    )),
                }
            }
        }
    };
}
