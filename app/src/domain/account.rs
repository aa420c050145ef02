//! Accounts: roles, and the parsing of what people type into the account forms. Pure functions,
//! used by the server handlers; messages are translation keys under `form.error`.
use serde::{Deserialize, Serialize};

/// What a user may do. Citizens need no account at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A user of an employer organisation; sees only that organisation's data.
    Employer,
    /// The regional aanjager and the advisors: verify, follow up, report.
    Coordinator,
    /// Manages accounts and reads the audit log.
    Admin,
}

impl Role {
    /// The roles that work the coordinators' queues and see the beheer pages.
    pub const STAFF: &'static [Role] = &[Role::Coordinator, Role::Admin];

    /// Coordinators and admins (see [`Role::STAFF`]).
    pub fn is_staff(self) -> bool {
        Role::STAFF.contains(&self)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Employer => "employer",
            Role::Coordinator => "coordinator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Role::Employer, Role::Coordinator, Role::Admin]
            .into_iter()
            .find(|r| r.as_str() == value)
    }
}

/// The sectors an organisation can choose (labels in `sector.*` of the locale files).
pub const SECTORS: &[&str] = &[
    "zorg",
    "techniek",
    "bouw",
    "logistiek",
    "ict",
    "onderwijs",
    "horeca",
    "recreatie",
    "retail",
    "landbouw",
    "overheid",
    "zakelijk",
    "overig",
];

/// Minimum and maximum password length, in characters.
pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;

/// An e-mail address, trimmed and lower-cased.
///
/// The part before `@` is a dot-atom of the characters RFC 5322 allows unquoted (ASCII letters,
/// digits and ``!#$%&'*+/=?^_`{|}~-``); quoted local parts and comments are refused, as mail
/// systems and people rarely use them and they hide look-alike addresses. The domain is labels
/// of letters (any script, for internationalised domains), digits and hyphens. Anything else —
/// a replacement character from bad bytes, brackets, spaces — is refused.
pub fn parse_email(value: &str) -> Result<String, &'static str> {
    let email = value.trim().to_lowercase();
    if email.is_empty() {
        return Err("email_required");
    }
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    let dot_atom = |s: &str, allowed: &dyn Fn(char) -> bool| {
        !s.is_empty()
            && s.split('.')
                .all(|part| !part.is_empty() && part.chars().all(allowed))
    };
    let label = |l: &str| {
        !l.is_empty()
            && l.chars().count() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let valid = email.len() <= 254
        && match email.split_once('@') {
            Some((local, domain)) => {
                local.len() <= 64
                    && dot_atom(local, &atext)
                    && domain.contains('.')
                    && domain.split('.').all(label)
            }
            None => false,
        };
    if valid {
        Ok(email)
    } else {
        Err("email_invalid")
    }
}

/// A KvK (Chamber of Commerce) number: exactly 8 digits; spaces and dots are ignored.
pub fn parse_kvk(value: &str) -> Result<String, &'static str> {
    let digits: String = value.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
    if digits.is_empty() {
        Err("kvk_required")
    } else if digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err("kvk_invalid")
    }
}

/// A Dutch or international phone number: digits with spaces, dashes, brackets, a leading +.
pub fn parse_phone(value: &str) -> Result<String, &'static str> {
    let phone = value.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
    });
    if allowed && (10..=15).contains(&digits) {
        Ok(phone.to_string())
    } else {
        Err("phone_invalid")
    }
}

/// A required line of text (a name): trimmed, 1 to `max` characters, no control characters.
pub fn parse_text(value: &str, max: usize) -> Result<String, &'static str> {
    let text = value.trim();
    if text.is_empty() {
        Err("required")
    } else if text.chars().count() > max || text.chars().any(char::is_control) {
        Err("too_long")
    } else {
        Ok(text.to_string())
    }
}

/// The length rule for passwords; strength is checked on the server (zxcvbn).
pub fn check_password_length(value: &str) -> Result<(), &'static str> {
    let n = value.chars().count();
    if n == 0 {
        Err("password_required")
    } else if n < PASSWORD_MIN {
        Err("password_too_short")
    } else if n > PASSWORD_MAX {
        Err("password_too_long")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            parse_email("  Anna@Bedrijf.NL "),
            Ok("anna@bedrijf.nl".into())
        );
        assert_eq!(parse_email(""), Err("email_required"));
        for good in ["a.b+c@sub.bedrijf.nl", "o'brien@example.ie", "jan@café.nl"] {
            assert_eq!(parse_email(good), Ok(good.to_string()), "{good}");
        }
        for bad in [
            "anna",
            "anna@",
            "@bedrijf.nl",
            "anna@bedrijf",
            "an na@b.nl",
            "a@b@c.nl",
            "a@.nl",
            "a@b..nl",
            "\u{fffd}\u{fffd}(coord@example.nl",
            "(comment)anna@b.nl",
            "\"anna\"@b.nl",
            ".anna@b.nl",
            "anna.@b.nl",
            "a..b@b.nl",
            "anna@-b.nl",
            "anna@b_c.nl",
            "anna@b.nl\u{0}",
        ] {
            assert_eq!(parse_email(bad), Err("email_invalid"), "{bad}");
        }
    }

    #[test]
    fn kvk_numbers_have_eight_digits() {
        assert_eq!(parse_kvk("1234 5678"), Ok("12345678".into()));
        assert_eq!(parse_kvk("12.34.56.78"), Ok("12345678".into()));
        assert_eq!(parse_kvk(""), Err("kvk_required"));
        for bad in ["1234567", "123456789", "1234567a", "abcdefgh"] {
            assert_eq!(parse_kvk(bad), Err("kvk_invalid"), "{bad}");
        }
    }

    #[test]
    fn passwords_between_12_and_128_characters() {
        assert_eq!(check_password_length(""), Err("password_required"));
        assert_eq!(
            check_password_length("elf tekens!"),
            Err("password_too_short")
        );
        assert_eq!(check_password_length("twaalf tekens"), Ok(()));
        assert_eq!(check_password_length(&"x".repeat(64)), Ok(()));
        assert_eq!(
            check_password_length(&"x".repeat(129)),
            Err("password_too_long")
        );
        // Characters, not bytes.
        assert_eq!(check_password_length("ëëëëëëëëëëëë"), Ok(()));
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            parse_text("  Bakkerij De Korf ", 100),
            Ok("Bakkerij De Korf".into())
        );
        assert_eq!(parse_text("   ", 100), Err("required"));
        assert_eq!(parse_text("abc", 2), Err("too_long"));
        assert_eq!(parse_text("a\u{0}b", 10), Err("too_long"));
    }

    #[test]
    fn roles_round_trip() {
        for role in [Role::Employer, Role::Coordinator, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
