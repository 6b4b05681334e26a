//! Which `Host` the preview answers. A page on another origin can point a name
//! it controls at 127.0.0.1 (DNS rebinding) and read the preview, drafts and
//! error details included, unless the preview refuses names it does not know.

use std::net::IpAddr;

/// The hosts the preview answers: loopback names and addresses, the address it
/// is bound to, and the names the user allowed.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    bound: IpAddr,
    names: Vec<String>,
}

impl AllowedHosts {
    pub fn new(bound: IpAddr, names: &[String]) -> AllowedHosts {
        AllowedHosts {
            bound,
            names: names.iter().map(|n| n.to_ascii_lowercase()).collect(),
        }
    }

    /// Whether a request with this `Host` header (a name or address, with or
    /// without its port) is answered.
    pub fn allows(&self, host: &str) -> bool {
        let name = host_name(host).to_ascii_lowercase();
        if name == "localhost" || name.ends_with(".localhost") || self.names.contains(&name) {
            return true;
        }
        let address = match name.strip_prefix('[') {
            Some(inner) => match inner.strip_suffix(']') {
                Some(inner) => inner,
                None => return false,
            },
            None => name.as_str(),
        };
        let Ok(ip) = address.parse::<IpAddr>() else {
            return false;
        };
        // An address is not a name that someone else's DNS can point here; when
        // the preview listens on every interface, it answers at each of them.
        ip.is_loopback() || ip == self.bound || self.bound.is_unspecified()
    }
}

/// `example.test:1111` -> `example.test`, `[::1]:1111` -> `[::1]`.
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        return host.find(']').map_or(host, |end| &host[..=end]);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_and_the_bound_address_are_answered_other_names_not() {
        let hosts = AllowedHosts::new("127.0.0.1".parse().unwrap(), &[]);
        for ok in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:80",
            "preview.localhost:1111",
            "127.0.0.1:1111",
            "127.0.0.2",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for refused in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io:1111",
            "192.168.1.5:1111",
            "",
            "[::1",
            "localhost:1111:1111",
        ] {
            assert!(!hosts.allows(refused), "{refused}");
        }
    }

    #[test]
    fn allowed_names_and_the_addresses_of_a_wider_bind_are_answered() {
        let hosts = AllowedHosts::new("0.0.0.0".parse().unwrap(), &["Preview.Test".into()]);
        assert!(hosts.allows("preview.test:1111"));
        assert!(
            hosts.allows("192.168.1.5:1111"),
            "any address of this machine"
        );
        assert!(!hosts.allows("other.test"));
        let hosts = AllowedHosts::new("192.168.1.5".parse().unwrap(), &[]);
        assert!(hosts.allows("192.168.1.5:1111") && !hosts.allows("192.168.1.6"));
    }
}
