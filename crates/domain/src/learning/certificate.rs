//! Certificate verification codes: `PBN-XXXX-XXXX`, eight Crockford base-32 symbols of which the
//! last is a check symbol, so a code with one symbol mistyped is told apart from a forged one without a lookup.
//!
//! Seven random symbols give 35 bits (34 billion codes); the store keeps them unique. Reading is
//! forgiving the Crockford way: case does not matter, `O` reads as `0`, `I` and `L` as `1`, and
//! spaces or dashes may be left out.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIX: &str = "PBN";

fn value(c: char) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|p| p as u32)
}

/// Weighted sum mod 32 over the seven payload symbols. The weights are odd (1, 3, 5, …), hence
/// invertible mod 32: changing any one symbol always changes the check symbol.
fn check_symbol(payload: &[u32]) -> u32 {
    payload
        .iter()
        .enumerate()
        .map(|(i, v)| (2 * i as u32 + 1) * v)
        .sum::<u32>()
        % 32
}

/// A code from five random bytes (the caller draws them).
pub fn code_from(random: [u8; 5]) -> String {
    let bits = random
        .iter()
        .fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    let payload: Vec<u32> = (0..7)
        .map(|i| ((bits >> (35 - 5 * (i + 1))) & 31) as u32)
        .collect();
    let mut symbols: Vec<char> = payload
        .iter()
        .map(|v| ALPHABET[*v as usize] as char)
        .collect();
    symbols.push(ALPHABET[check_symbol(&payload) as usize] as char);
    let s: String = symbols.into_iter().collect();
    format!("{PREFIX}-{}-{}", &s[..4], &s[4..])
}

/// The canonical form of a code as typed, or `None` when it cannot be one (wrong length, a
/// symbol outside the alphabet, or a failed check).
pub fn normalise(input: &str) -> Option<String> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let upper = compact.to_ascii_uppercase();
    let body = upper.strip_prefix(PREFIX).unwrap_or(&upper);
    if body.chars().count() != 8 {
        return None;
    }
    let values: Option<Vec<u32>> = body.chars().map(value).collect();
    let values = values?;
    if check_symbol(&values[..7]) != values[7] {
        return None;
    }
    let s: String = values
        .iter()
        .map(|v| ALPHABET[*v as usize] as char)
        .collect();
    Some(format!("{PREFIX}-{}-{}", &s[..4], &s[4..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_the_documented_shape_and_verify() {
        for seed in [[0u8; 5], [255; 5], [1, 2, 3, 4, 5], [200, 17, 99, 3, 128]] {
            let code = code_from(seed);
            assert_eq!(code.len(), 13, "{code}");
            assert!(code.starts_with("PBN-"));
            assert_eq!(normalise(&code).as_deref(), Some(code.as_str()));
        }
        assert_ne!(code_from([1, 2, 3, 4, 5]), code_from([1, 2, 3, 4, 6]));
    }

    #[test]
    fn typing_is_forgiven_the_crockford_way() {
        let code = code_from([1, 2, 3, 4, 5]);
        let sloppy = code.to_lowercase().replace('-', " ").replace('0', "o");
        assert_eq!(normalise(&sloppy).as_deref(), Some(code.as_str()));
        assert_eq!(normalise(&code[4..]).as_deref(), Some(code.as_str()));
    }

    #[test]
    fn every_single_symbol_typo_is_caught() {
        let code = code_from([9, 8, 7, 6, 5]);
        let body: Vec<char> = code.chars().filter(|c| *c != '-').skip(3).collect();
        for pos in 0..8 {
            for &sym in ALPHABET {
                let sym = sym as char;
                if sym == body[pos] {
                    continue;
                }
                let mut typo = body.clone();
                typo[pos] = sym;
                let typo: String = typo.into_iter().collect();
                assert_eq!(normalise(&typo), None, "{typo} passed as {code}");
            }
        }
    }

    #[test]
    fn junk_is_not_a_code() {
        for junk in [
            "",
            "PBN",
            "PBN-1234-567",
            "PBN-1234-5678-9",
            "PBN-UUUU-UUUU",
            "<script>",
        ] {
            assert_eq!(normalise(junk), None, "{junk}");
        }
    }
}
