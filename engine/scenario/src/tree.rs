//! A spanned view of a RON document.
//!
//! `ron` turns text into typed values but forgets where each value was. This small
//! parser keeps the shape and byte span of everything, which the loader uses to
//! (1) point semantic diagnostics at the right place (`steps."intro".choices[1].next`)
//! and (2) recover after a type error by blanking out the offending item and parsing
//! again, so a teacher sees every error at once. It accepts the RON that scenario
//! files use; anything it cannot read is left to `ron` to report.

use std::ops::Range;

/// Deeper nesting than this is refused (scenario files need about a dozen levels).
pub const MAX_DEPTH: usize = 96;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Range<usize>,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A string literal (escapes resolved).
    Str(String),
    /// A number, character, or other literal, kept as written.
    Literal(String),
    /// `Name` or `Name(...)`: an enum variant, a named struct, `Some(..)`, `true`.
    Named {
        name: String,
        body: Option<Body>,
    },
    /// `( ... )` without a name.
    Group(Body),
    List(Vec<Item>),
    Map(Vec<Entry>),
}

/// The inside of parentheses: named fields or positional items.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Fields(Vec<Field>),
    Items(Vec<Item>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub name_span: Range<usize>,
    pub value: Node,
    /// From the name to the trailing comma (if any): what recovery blanks out.
    pub item_span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub value: Node,
    pub item_span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
    pub item_span: Range<usize>,
}

/// One step of a path into the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Field(&'static str),
    /// A map entry by its string key.
    Entry(String),
    Index(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
    pub too_deep: bool,
}

pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut parser = Parser {
        open: Vec::new(),
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    parser.skip_trivia()?;
    // Leading `#![enable(...)]` attributes.
    while parser.bytes[parser.pos..].starts_with(b"#!") {
        while parser.pos < parser.bytes.len() && parser.bytes[parser.pos] != b']' {
            parser.pos += 1;
        }
        parser.pos += 1;
        parser.skip_trivia()?;
    }
    let node = parser.value()?;
    parser.skip_trivia()?;
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("unexpected text after the end of the scenario"));
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Offsets of the brackets opened and not yet closed, to explain a truncated file.
    open: Vec<usize>,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> ParseError {
        if self.pos >= self.bytes.len()
            && let Some(&bracket) = self.open.last()
        {
            let closer = match self.bytes[bracket] {
                b'[' => ']',
                b'{' => '}',
                _ => ')',
            };
            return ParseError {
                offset: bracket,
                message: format!(
                    "the file ends before this `{}` is closed (the file may have been cut short, or a `{closer}` is missing)",
                    self.bytes[bracket] as char
                ),
                too_deep: false,
            };
        }
        ParseError {
            offset: self.pos,
            message: message.to_string(),
            too_deep: false,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) -> Result<(), ParseError> {
        loop {
            match self.peek() {
                Some(b) if b.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut level = 1;
                    while level > 0 {
                        if self.pos >= self.bytes.len() {
                            self.pos = start;
                            return Err(self.error("a `/*` comment is never closed"));
                        }
                        if self.bytes[self.pos..].starts_with(b"*/") {
                            level -= 1;
                            self.pos += 2;
                        } else if self.bytes[self.pos..].starts_with(b"/*") {
                            level += 1;
                            self.pos += 2;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn value(&mut self) -> Result<Node, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError {
                too_deep: true,
                ..self.error("nested too deeply")
            });
        }
        let node = self.value_inner();
        self.depth -= 1;
        node
    }

    fn value_inner(&mut self) -> Result<Node, ParseError> {
        let start = self.pos;
        match self.peek() {
            None => Err(self.error("the file ends where a value should be")),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::Str(s),
                })
            }
            Some(b'r') if matches!(self.bytes.get(self.pos + 1), Some(b'"' | b'#')) => {
                let s = self.raw_string()?;
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::Str(s),
                })
            }
            Some(b'\'') => {
                // Walk whole characters: after a `\` the escaped character may be
                // multi-byte (`'\é'`) or missing at the end of the file (`'\`).
                self.pos += 1;
                let mut escaped = false;
                while let Some(c) = self.text[self.pos..].chars().next() {
                    self.pos += c.len_utf8();
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '\'' {
                        break;
                    }
                }
                Ok(self.literal(start))
            }
            Some(b'[') => {
                self.open.push(self.pos);
                self.pos += 1;
                let items = self.items(b']')?;
                self.open.pop();
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::List(items),
                })
            }
            Some(b'{') => {
                self.open.push(self.pos);
                self.pos += 1;
                let entries = self.entries()?;
                self.open.pop();
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::Map(entries),
                })
            }
            Some(b'(') => {
                self.open.push(self.pos);
                self.pos += 1;
                let body = self.body()?;
                self.open.pop();
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::Group(body),
                })
            }
            Some(b) if b == b'-' || b == b'+' || b == b'.' || b.is_ascii_digit() => {
                self.pos += 1;
                while self.peek().is_some_and(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'+' | b'-')
                }) {
                    // `1e-5` needs the sign after the exponent, but `3-` is not a number.
                    if matches!(self.peek(), Some(b'+' | b'-'))
                        && !matches!(self.bytes[self.pos - 1], b'e' | b'E')
                    {
                        break;
                    }
                    self.pos += 1;
                }
                Ok(self.literal(start))
            }
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => {
                let name = self.identifier();
                let save = self.pos;
                self.skip_trivia()?;
                if self.peek() == Some(b'(') {
                    self.open.push(self.pos);
                    self.pos += 1;
                    let body = self.body()?;
                    self.open.pop();
                    Ok(Node {
                        span: start..self.pos,
                        kind: NodeKind::Named {
                            name,
                            body: Some(body),
                        },
                    })
                } else {
                    self.pos = save;
                    Ok(Node {
                        span: start..self.pos,
                        kind: NodeKind::Named { name, body: None },
                    })
                }
            }
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn literal(&self, start: usize) -> Node {
        Node {
            span: start..self.pos,
            kind: NodeKind::Literal(self.text[start..self.pos].to_string()),
        }
    }

    fn identifier(&mut self) -> String {
        let start = self.pos;
        if self.bytes[self.pos..].starts_with(b"r#") {
            self.pos += 2;
        }
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.pos += 1;
        }
        self.text[start..self.pos]
            .trim_start_matches("r#")
            .to_string()
    }

    fn string(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.text[self.pos..].chars().next() else {
                self.pos = start;
                return Err(self.error("a string is never closed (a `\"` is missing)"));
            };
            self.pos += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(e) = self.text[self.pos..].chars().next() else {
                        continue;
                    };
                    self.pos += e.len_utf8();
                    out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        other => other,
                    });
                }
                other => out.push(other),
            }
        }
    }

    fn raw_string(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let hashes = self.bytes[self.pos..]
            .iter()
            .take_while(|b| **b == b'#')
            .count();
        self.pos += hashes;
        if self.peek() != Some(b'"') {
            return Err(self.error("expected `\"` to start a raw string"));
        }
        self.pos += 1;
        let closing = format!("\"{}", "#".repeat(hashes));
        match self.text[self.pos..].find(&closing) {
            Some(end) => {
                let s = self.text[self.pos..self.pos + end].to_string();
                self.pos += end + closing.len();
                Ok(s)
            }
            None => {
                self.pos = start;
                Err(self.error("a raw string is never closed"))
            }
        }
    }

    /// After `(`: `name: value, ...` or `value, ...`, up to and including `)`.
    fn body(&mut self) -> Result<Body, ParseError> {
        self.skip_trivia()?;
        if self.looks_like_field() {
            let mut fields = Vec::new();
            loop {
                self.skip_trivia()?;
                if self.peek() == Some(b')') {
                    self.pos += 1;
                    return Ok(Body::Fields(fields));
                }
                let item_start = self.pos;
                if !self
                    .peek()
                    .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
                {
                    return Err(self.error("expected a field name or `)`"));
                }
                let name = self.identifier();
                let name_span = item_start..self.pos;
                self.skip_trivia()?;
                if self.peek() != Some(b':') {
                    return Err(self.error("expected `:` after the field name"));
                }
                self.pos += 1;
                self.skip_trivia()?;
                let value = self.value()?;
                let item_span = item_start..self.separator(b')')?;
                fields.push(Field {
                    name,
                    name_span,
                    value,
                    item_span,
                });
            }
        }
        let items = self.items(b')')?;
        Ok(Body::Items(items))
    }

    fn looks_like_field(&self) -> bool {
        let mut p = self.pos;
        if self.bytes[p..].starts_with(b"r#") {
            p += 2;
        }
        let name_start = p;
        while self
            .bytes
            .get(p)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            p += 1;
        }
        if p == name_start || self.bytes[name_start].is_ascii_digit() {
            return false;
        }
        while self.bytes.get(p).is_some_and(u8::is_ascii_whitespace) {
            p += 1;
        }
        self.bytes.get(p) == Some(&b':')
    }

    /// Positional items up to and including `close`.
    fn items(&mut self, close: u8) -> Result<Vec<Item>, ParseError> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(items);
            }
            let item_start = self.pos;
            let value = self.value()?;
            let item_span = item_start..self.separator(close)?;
            items.push(Item { value, item_span });
        }
    }

    fn entries(&mut self) -> Result<Vec<Entry>, ParseError> {
        let mut entries = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Ok(entries);
            }
            let item_start = self.pos;
            let key = self.value()?;
            self.skip_trivia()?;
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:` after the map key"));
            }
            self.pos += 1;
            self.skip_trivia()?;
            let value = self.value()?;
            let item_span = item_start..self.separator(b'}')?;
            entries.push(Entry {
                key,
                value,
                item_span,
            });
        }
    }

    /// After an item: consumes a `,` (returning the end of the item including it) or
    /// stops before `close`.
    fn separator(&mut self, close: u8) -> Result<usize, ParseError> {
        let end = self.pos;
        self.skip_trivia()?;
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(self.pos)
            }
            Some(b) if b == close => Ok(end),
            _ => Err(self.error(&format!("expected `,` or `{}`", close as char))),
        }
    }
}

impl Node {
    /// The node at `path`, looking through single-value wrappers such as `Some(..)`
    /// and newtype variants.
    pub fn lookup(&self, path: &[Key]) -> Option<&Node> {
        let Some((first, rest)) = path.split_first() else {
            return Some(self);
        };
        let node = self.unwrapped();
        let next = match (first, &node.kind) {
            (
                Key::Field(name),
                NodeKind::Named {
                    body: Some(Body::Fields(fields)),
                    ..
                },
            )
            | (Key::Field(name), NodeKind::Group(Body::Fields(fields))) => {
                &fields.iter().find(|f| f.name == *name)?.value
            }
            (Key::Entry(key), NodeKind::Map(entries)) => {
                &entries
                    .iter()
                    .find(|e| matches!(&e.key.kind, NodeKind::Str(k) if k == key))?
                    .value
            }
            (Key::Index(i), NodeKind::List(items)) => &items.get(*i)?.value,
            (
                Key::Index(i),
                NodeKind::Named {
                    body: Some(Body::Items(items)),
                    ..
                },
            )
            | (Key::Index(i), NodeKind::Group(Body::Items(items))) => &items.get(*i)?.value,
            _ => return None,
        };
        next.lookup(rest)
    }

    /// The span of the map key at `path` (for "duplicate" and "unreachable" messages,
    /// which are about the name, not the whole value).
    pub fn key_span(&self, path: &[Key]) -> Option<Range<usize>> {
        let (last, parent) = path.split_last()?;
        let parent = self.lookup(parent)?.unwrapped();
        match (last, &parent.kind) {
            (Key::Entry(key), NodeKind::Map(entries)) => entries
                .iter()
                .find(|e| matches!(&e.key.kind, NodeKind::Str(k) if k == key))
                .map(|e| e.key.span.clone()),
            (
                Key::Field(name),
                NodeKind::Named {
                    body: Some(Body::Fields(fields)),
                    ..
                },
            )
            | (Key::Field(name), NodeKind::Group(Body::Fields(fields))) => fields
                .iter()
                .find(|f| f.name == *name)
                .map(|f| f.name_span.clone()),
            _ => None,
        }
    }

    /// Looks through `Name(single)` wrappers (`Some(x)`, `Patient((..))`).
    fn unwrapped(&self) -> &Node {
        match &self.kind {
            NodeKind::Named {
                body: Some(Body::Items(items)),
                ..
            } if items.len() == 1 => items[0].value.unwrapped(),
            _ => self,
        }
    }

    /// The items directly inside this node: struct fields, tuple and list elements,
    /// map entries (with their spans, for blanking).
    fn items(&self) -> Vec<ItemRef<'_>> {
        let item = |span: &Range<usize>, field, value| ItemRef {
            span: span.clone(),
            field,
            value,
        };
        match &self.kind {
            NodeKind::Named {
                body: Some(Body::Fields(fields)),
                ..
            }
            | NodeKind::Group(Body::Fields(fields)) => fields
                .iter()
                .map(|f| item(&f.item_span, Some(&f.name), &f.value))
                .collect(),
            NodeKind::Named {
                body: Some(Body::Items(items)),
                ..
            }
            | NodeKind::Group(Body::Items(items))
            | NodeKind::List(items) => items
                .iter()
                .map(|i| item(&i.item_span, None, &i.value))
                .collect(),
            NodeKind::Map(entries) => entries
                .iter()
                .map(|e| item(&e.item_span, None, &e.value))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The innermost item (struct field, list element or map entry) whose span
    /// contains `offset`, with its span. Used to blank out a value that failed to
    /// deserialize.
    pub fn innermost_item(&self, offset: usize) -> Option<ItemRef<'_>> {
        let hit = self
            .items()
            .into_iter()
            .find(|c| c.span.start <= offset && offset < c.span.end)?;
        let deeper = hit.value.innermost_item(offset);
        // A variant's or tuple's argument is not blankable on its own (`Sim()` would
        // fail again); the item holding the whole variant is.
        let arguments = matches!(
            self.kind,
            NodeKind::Named {
                body: Some(Body::Items(_)),
                ..
            } | NodeKind::Group(Body::Items(_))
        );
        deeper.or((!arguments).then_some(hit))
    }

    /// The smallest value that starts exactly at `offset` (to widen a one-character
    /// error position to the whole value).
    pub fn value_at(&self, offset: usize) -> Option<&Node> {
        let mut best: Option<&Node> = (self.span.start == offset).then_some(self);
        self.visit_items(&mut |item| {
            if item.value.span.start == offset
                && best.is_none_or(|b| item.value.span.len() < b.span.len())
            {
                best = Some(item.value);
            }
        });
        best
    }

    /// Calls `f` with every item in the tree, outermost first.
    fn visit_items<'a>(&'a self, f: &mut dyn FnMut(ItemRef<'a>)) {
        for item in self.items() {
            let value = item.value;
            f(item);
            value.visit_items(f);
        }
    }

    /// Map keys that appear more than once, with the span of each repeat.
    pub fn duplicate_map_keys(&self, path: &[Key]) -> Vec<(String, Range<usize>)> {
        let Some(NodeKind::Map(entries)) = self.lookup(path).map(|n| &n.unwrapped().kind) else {
            return Vec::new();
        };
        let mut seen = std::collections::HashSet::new();
        entries
            .iter()
            .filter_map(|e| match &e.key.kind {
                NodeKind::Str(k) if !seen.insert(k.clone()) => {
                    Some((k.clone(), e.key.span.clone()))
                }
                _ => None,
            })
            .collect()
    }
}

/// A view of one item in a container.
#[derive(Debug, Clone)]
pub struct ItemRef<'a> {
    pub span: Range<usize>,
    /// The field name, when the item is a struct field.
    pub field: Option<&'a String>,
    pub value: &'a Node,
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r##"// a comment
Scenario(
    id: "x",
    steps: {
        "a": (text: "Hello, \"world\"", choices: [(id: "go", next: "b"), (id: "stay", next: "a")]),
        "b": (text: r#"raw"#, ending: (title: "End", outcome: Success)),
    },
    when: Some(Not(Chose("go"))),
    n: -1.5e-3,
    /* nested /* block */ comment */
)"##;

    #[test]
    fn parses_and_finds_paths() {
        let tree = parse(DOC).unwrap();
        let next = tree
            .lookup(&[
                Key::Field("steps"),
                Key::Entry("a".into()),
                Key::Field("choices"),
                Key::Index(1),
                Key::Field("next"),
            ])
            .unwrap();
        assert_eq!(&DOC[next.span.clone()], "\"a\"");
        let key = tree
            .key_span(&[Key::Field("steps"), Key::Entry("b".into())])
            .unwrap();
        assert_eq!(&DOC[key], "\"b\"");
        let n = tree.lookup(&[Key::Field("n")]).unwrap();
        assert_eq!(n.kind, NodeKind::Literal("-1.5e-3".into()));
        let text = tree
            .lookup(&[
                Key::Field("steps"),
                Key::Entry("a".into()),
                Key::Field("text"),
            ])
            .unwrap();
        assert_eq!(text.kind, NodeKind::Str("Hello, \"world\"".into()));
    }

    #[test]
    fn innermost_item_is_the_smallest_blankable_piece() {
        let tree = parse(DOC).unwrap();
        let at = DOC.find("stay").unwrap();
        let item = tree.innermost_item(at).unwrap();
        assert_eq!(&DOC[item.span], "id: \"stay\",");
        // Past the last field, the item is the whole struct in its list.
        let close = DOC.find("next: \"a\")").unwrap() + "next: \"a\"".len();
        let holder = tree.innermost_item(close).unwrap();
        assert_eq!(&DOC[holder.span], "(id: \"stay\", next: \"a\")");
    }

    #[test]
    fn finds_duplicate_keys() {
        let doc = r#"(steps: {"a": (), "b": (), "a": ()})"#;
        let dups = parse(doc)
            .unwrap()
            .duplicate_map_keys(&[Key::Field("steps")]);
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].0, "a");
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing() {
        let doc = "[".repeat(10_000) + &"]".repeat(10_000);
        let err = parse(&doc).unwrap_err();
        assert!(err.too_deep);
    }

    #[test]
    fn reports_unclosed_strings_and_comments() {
        assert!(parse("(a: \"oops)").is_err());
        assert!(parse("(a: 1) /* open").is_err());
        assert!(parse("(a: 1,").is_err());
    }
}
