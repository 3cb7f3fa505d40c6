//! One JSON-RPC connection to a Substrate node: HTTP(S) through ureq, or WebSocket (ws://,
//! wss://) through tungstenite, both with a timeout on every read and write. Errors say
//! which node, which method, and what went wrong, in words.

use serde_json::{json, Value};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// JSON-RPC's "method not found".
pub const METHOD_NOT_FOUND: i64 = -32601;

/// Why a call failed: the node refused it (a JSON-RPC error object), or anything else.
#[derive(Debug)]
pub enum CallError {
    Refused { code: i64, message: String },
    Failed(String),
}

enum Link {
    Http(ureq::Agent),
    Ws(Box<WebSocket<MaybeTlsStream<TcpStream>>>),
}

/// A connection to one node.
pub struct Node {
    pub url: String,
    link: Link,
    next_id: u64,
    /// Requests sent so far.
    pub requests: usize,
}

impl Node {
    /// Opens `url` (`http(s)://` or `ws(s)://`); HTTP connects lazily, on the first call.
    pub fn connect(url: &str, timeout: Duration) -> Result<Node, String> {
        let scheme = url.split("://").next().unwrap_or("").to_ascii_lowercase();
        let link = match scheme.as_str() {
            "http" | "https" => {
                let config = ureq::Agent::config_builder().timeout_global(Some(timeout)).http_status_as_error(false).build();
                Link::Http(config.into())
            }
            "ws" | "wss" => Link::Ws(Box::new(websocket(url, timeout)?)),
            _ => return Err(format!("{url}: not a node URL: expected http://, https://, ws:// or wss://")),
        };
        Ok(Node { url: url.to_string(), link, next_id: 1, requests: 0 })
    }

    /// Calls `method` with `params` and returns its `result`.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, CallError> {
        let id = self.next_id;
        self.next_id += 1;
        self.requests += 1;
        let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string();
        let url = self.url.clone();
        let failed = |why: String| CallError::Failed(format!("{url}: {method}: {why}"));
        let text = match &mut self.link {
            Link::Http(agent) => http_call(agent, &url, body).map_err(failed)?,
            Link::Ws(socket) => ws_call(socket, body).map_err(failed)?,
        };
        answer(&text, id).map_err(|e| match e {
            CallError::Failed(why) => CallError::Failed(format!("{url} answered {method} with {why}")),
            refused => refused,
        })
    }

    /// [`Node::call`] with a refusal turned into words too.
    pub fn call_or_say(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.call(method, params).map_err(|e| say(&self.url, method, e))
    }
}

/// A failed call as one sentence.
pub fn say(url: &str, method: &str, e: CallError) -> String {
    match e {
        CallError::Refused { code, message } => format!("{url} refused {method}: {message} (JSON-RPC error {code})"),
        CallError::Failed(why) => why,
    }
}

fn http_call(agent: &ureq::Agent, url: &str, body: String) -> Result<String, String> {
    let mut response = agent.post(url).header("Content-Type", "application/json").send(body).map_err(|e| unreachable(url, e))?;
    let status = response.status();
    let text = response.body_mut().read_to_string().map_err(|e| format!("cannot read the answer: {e}"))?;
    if !status.is_success() && !text.trim_start().starts_with('{') {
        return Err(format!("HTTP {status}: {}", snippet(&text)));
    }
    Ok(text)
}

fn unreachable(url: &str, e: ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("no answer within the timeout (is {url} a node, and up?)"),
        ureq::Error::HostNotFound => "cannot reach the node: host not found".into(),
        ureq::Error::Io(io) => format!("cannot reach the node: {io}"),
        ureq::Error::ConnectionFailed => "cannot reach the node: connection failed".into(),
        other => format!("cannot reach the node: {other}"),
    }
}

fn websocket(url: &str, timeout: Duration) -> Result<WebSocket<MaybeTlsStream<TcpStream>>, String> {
    let uri: tungstenite::http::Uri = url.parse().map_err(|e| format!("{url}: not a URL: {e}"))?;
    let host = uri.host().ok_or_else(|| format!("{url}: no host"))?;
    let port = uri.port_u16().unwrap_or(if uri.scheme_str() == Some("wss") { 443 } else { 80 });
    let addresses = (host, port).to_socket_addrs().map_err(|e| format!("{url}: cannot reach the node: {e}"))?;
    let mut last = format!("{url}: cannot reach the node: {host} has no address");
    for address in addresses {
        match TcpStream::connect_timeout(&address, timeout) {
            Ok(stream) => {
                let set = stream.set_read_timeout(Some(timeout)).and(stream.set_write_timeout(Some(timeout)));
                set.map_err(|e| format!("{url}: {e}"))?;
                return tungstenite::client_tls_with_config(url, stream, None, None)
                    .map(|(socket, _)| socket)
                    .map_err(|e| format!("{url}: the WebSocket handshake failed: {e}"));
            }
            Err(e) => last = format!("{url}: cannot reach the node: {e}"),
        }
    }
    Err(last)
}

fn ws_call(socket: &mut WebSocket<MaybeTlsStream<TcpStream>>, body: String) -> Result<String, String> {
    let lost = |e: tungstenite::Error| match e {
        tungstenite::Error::Io(io) if matches!(io.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
            "no answer within the timeout".to_string()
        }
        e => format!("the connection failed: {e}"),
    };
    socket.send(Message::text(body)).map_err(lost)?;
    loop {
        match socket.read().map_err(lost)? {
            Message::Text(text) => return Ok(text.to_string()),
            Message::Binary(bytes) => return Ok(String::from_utf8_lossy(&bytes).into_owned()),
            Message::Close(_) => return Err("the node closed the connection".into()),
            _ => {}
        }
    }
}

/// The `result` of a JSON-RPC answer to request `id`.
fn answer(text: &str, id: u64) -> Result<Value, CallError> {
    let garbage = || CallError::Failed(format!("something that is not a JSON-RPC answer: {}", snippet(text)));
    let json: Value = serde_json::from_str(text).map_err(|_| garbage())?;
    if let Some(error) = json.get("error") {
        let code = error.get("code").and_then(Value::as_i64).unwrap_or(0);
        let message = error.get("message").and_then(Value::as_str).unwrap_or("(no message)").to_string();
        return Err(CallError::Refused { code, message });
    }
    if json.get("id").and_then(Value::as_u64) != Some(id) {
        return Err(garbage());
    }
    json.get("result").cloned().ok_or_else(garbage)
}

/// The start of a text, on one line, for error messages.
fn snippet(text: &str) -> String {
    let one_line: String = text.trim().chars().map(|c| if c.is_control() { ' ' } else { c }).take(80).collect();
    if text.trim().chars().count() > 80 { format!("{one_line:?}…") } else { format!("{one_line:?}") }
}
