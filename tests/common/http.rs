//! A deliberately raw HTTP/1.1 client for server tests: it sends the request path exactly as
//! written (`/../`, `%2e%2e`), which real clients would normalise away before sending.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Instant;

use super::running::PATIENCE;

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn connect(addr: &str) -> TcpStream {
    let stream = TcpStream::connect(addr).expect("connect to the server");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream
}

fn send_get(stream: &mut TcpStream, addr: &str, path: &str) {
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
}

/// GET `path` (sent as is) and the whole response.
pub fn get(addr: &str, path: &str) -> Response {
    let mut stream = connect(addr);
    send_get(&mut stream, addr, path);
    read_response(stream)
}

/// Reads a response to the end of the connection.
pub fn read_response(mut stream: TcpStream) -> Response {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a complete response");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || after.len() < n {
            break;
        }
        out.push_str(&after[..n]);
        rest = after[n..].trim_start_matches("\r\n");
    }
    out
}

/// An open connection to the live-reload event stream.
pub struct EventStream {
    reader: BufReader<TcpStream>,
}

impl EventStream {
    pub fn open(addr: &str, path: &str) -> EventStream {
        let mut stream = connect(addr);
        send_get(&mut stream, addr, path);
        EventStream {
            reader: BufReader::new(stream),
        }
    }

    /// The data of the next event, failing the test after `PATIENCE`.
    pub fn next_data(&mut self) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("the event stream ended"),
                Ok(_) => {
                    if let Some(data) = line.trim_end().strip_prefix("data: ") {
                        return data.to_string();
                    }
                }
                Err(e) => panic!("reading the event stream: {e}"),
            }
        }
        panic!("no event within {PATIENCE:?}");
    }

    /// The data of the next event that contains `needle`.
    pub fn next_with(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            let data = self.next_data();
            if data.contains(needle) {
                return data;
            }
        }
        panic!("no event with {needle:?} within {PATIENCE:?}");
    }
}
