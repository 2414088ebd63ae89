//! Where `serve` listens: 127.0.0.1 by default (this computer only), or the address given with
//! `--interface` (`0.0.0.0`: every network of this computer, to open the site on a phone on the
//! same Wi-Fi), and the addresses to open it at.

use std::net::{IpAddr, SocketAddr};

use crate::diag::Diagnostic;

pub(super) fn listen_error(ip: IpAddr, port: u16, e: impl std::fmt::Display) -> Diagnostic {
    let hint = if ip.is_loopback() || ip.is_unspecified() {
        crate::tr!("another program may use this port: choose another with --port, e.g. --port 1112")
    } else {
        crate::tr!(
            "another program may use this port (choose another with --port), or {ip} is not an address of this computer (--interface 0.0.0.0 listens on all of them)",
            ip
        )
    };
    Diagnostic::error(SocketAddr::new(ip, port).to_string(), None, crate::tr!("cannot listen: {e}", e)).hint(hint)
}

/// The listening socket, with Nagle's algorithm off: the server writes a response in several
/// small pieces, and with Nagle on (and the browser's delayed ACK) each file of a page reload
/// waits about 40 ms. Linux passes the setting on to accepted connections.
pub(super) fn listen(ip: IpAddr, port: u16) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Socket, Type};
    let addr = SocketAddr::new(ip, port);
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&addr.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

fn url(ip: IpAddr, port: u16) -> String {
    format!("http://{}/", SocketAddr::new(ip, port))
}

/// The addresses the site is opened at, the one its pages link to first: `http://127.0.0.1:PORT/`
/// for loopback and for every interface (then followed by this computer's network addresses),
/// else the address given.
pub(super) fn addresses(ip: IpAddr, port: u16) -> Vec<String> {
    if ip.is_loopback() {
        return vec![url(IpAddr::from([127, 0, 0, 1]), port)];
    }
    if !ip.is_unspecified() {
        return vec![url(ip, port)];
    }
    let mut out = vec![url(IpAddr::from([127, 0, 0, 1]), port)];
    let mut found: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|i| i.ip())
        .filter(|a| !a.is_loopback() && (ip.is_ipv6() || a.is_ipv4()))
        // IPv6 link-local addresses need an interface name in the URL: left out.
        .filter(|a| !matches!(a, IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80))
        .collect();
    found.sort();
    found.dedup();
    out.extend(found.into_iter().map(|a| url(a, port)));
    out
}

/// The lines saying where the site is served: `serving URL (Ctrl+C to stop)`, and, when it is
/// open to the network, where a phone opens it.
pub(super) fn print_serving(ip: IpAddr, addresses: &[String], base_path: &str) {
    let path = base_path.trim_start_matches('/');
    println!("{}", crate::tr!("serving {url}{path} (Ctrl+C to stop)", url = addresses[0], path));
    if ip.is_loopback() {
        return;
    }
    if ip.is_unspecified() {
        if addresses.len() > 1 {
            for a in &addresses[1..] {
                println!("  {}", crate::tr!("on this network: {a}{path}", a, path));
            }
        } else {
            let text = crate::tr!(
                "on this network: http://<this computer's address>:PORT/{path} (`ip addr` or `ipconfig` shows it)",
                path
            );
            println!("  {text}");
        }
    }
    eprintln!(
        "{}",
        crate::tr!(
            "warning: every device that reaches this computer on {ip} can open the site while it is served; stop with Ctrl+C",
            ip
        )
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_given_addresses() {
        assert_eq!(addresses(IpAddr::from([127, 0, 0, 1]), 1111), ["http://127.0.0.1:1111/"]);
        assert_eq!(addresses(IpAddr::from([192, 168, 1, 5]), 80), ["http://192.168.1.5:80/"]);
        assert_eq!(addresses("::1".parse().unwrap(), 8000), ["http://127.0.0.1:8000/"]);
        assert_eq!(addresses("fd00::5".parse().unwrap(), 8000), ["http://[fd00::5]:8000/"]);
        let all = addresses(IpAddr::from([0, 0, 0, 0]), 1111);
        assert_eq!(all[0], "http://127.0.0.1:1111/");
        assert!(all[1..].iter().all(|a| a.starts_with("http://") && !a.contains("127.0.0.1")), "{all:?}");
    }
}
