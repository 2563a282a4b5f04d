//! The teachers' guides as pages of the player: `docs/*.md` rendered to
//! `docs/<name>.html` at build time, so a teacher reads the authoring guide where
//! they test their file. The Markdown is the project's own (never scenario text),
//! headings get the same anchors as on GitHub so links work in both places, and
//! links between the guides point at their pages.

use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::root;

/// The guides a teacher or LMS administrator reads, with their page titles.
const PAGES: &[(&str, &str)] = &[
    ("authoring", "Writing a scenario"),
    ("diagnostics", "Diagnostics reference"),
    ("careers", "Career connections"),
    ("lms", "FirstShift in an LMS"),
    ("embedding", "Embedding the player"),
    ("sources", "Sources for the built-in scenarios"),
];

pub fn publish(site: &Path) -> Result<(), String> {
    let target = site.join("docs");
    std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
    for (name, title) in PAGES {
        let markdown = std::fs::read_to_string(root().join(format!("docs/{name}.md")))
            .map_err(|e| format!("docs/{name}.md: {e}"))?;
        std::fs::write(target.join(format!("{name}.html")), page(title, &markdown))
            .map_err(|e| e.to_string())?;
    }
    // `/docs/` opens the authoring guide.
    std::fs::copy(target.join("authoring.html"), target.join("index.html"))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// A GitHub-style anchor: lowercase, spaces to dashes, other punctuation dropped.
pub fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// `lms.md#moodle` → `lms.html#moodle`; links leaving the guides are kept.
fn page_link(url: &str) -> String {
    let (path, fragment) = url
        .split_once('#')
        .map_or((url, None), |(p, f)| (p, Some(f)));
    let is_guide = !path.contains('/') && path.ends_with(".md");
    match (is_guide, fragment) {
        (true, Some(f)) => format!("{}.html#{f}", path.trim_end_matches(".md")),
        (true, None) => format!("{}.html", path.trim_end_matches(".md")),
        _ => url.to_string(),
    }
}

fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut heading: Option<(HeadingLevel, usize)> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, events.len()));
                events.push(Event::Text(CowStr::Borrowed(""))); // replaced at the end
            }
            Event::End(TagEnd::Heading(level)) => {
                let Some((_, start)) = heading.take() else {
                    continue;
                };
                let text: String = events[start + 1..]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.to_string()),
                        _ => None,
                    })
                    .collect();
                events[start] = Event::Html(format!("<{level} id=\"{}\">", anchor(&text)).into());
                events.push(Event::Html(format!("</{level}>\n").into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => events.push(Event::Start(Tag::Link {
                link_type,
                dest_url: page_link(&dest_url).into(),
                title,
                id,
            })),
            // The guide's check markers are for the tests, not the reader.
            Event::Html(h) | Event::InlineHtml(h) if h.trim_start().starts_with("<!-- check") => {}
            other => events.push(other),
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    // Code and tables scroll sideways on a phone; a keyboard user must be able to
    // focus them to scroll too (WCAG 2.1.1).
    out.replace("<pre>", "<pre tabindex=\"0\">")
        .replace("<table>", "<table tabindex=\"0\">")
}

fn page(title: &str, markdown: &str) -> String {
    let nav = PAGES
        .iter()
        .map(|(name, title)| format!("<a href=\"{name}.html\">{title}</a>"))
        .collect::<Vec<_>>()
        .join(" · ");
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'">
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="../style.css">
  <title>{title} · FirstShift</title>
</head>
<body class="guide">
  <header class="guide-nav"><nav aria-label="Guides"><a href="../">FirstShift player</a> · {nav}</nav></header>
  <main id="main">
{body}
  </main>
</body>
</html>
"#,
        body = render(markdown)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_match_github_and_links_point_at_pages() {
        assert_eq!(anchor("Part 2: reference"), "part-2-reference");
        assert_eq!(
            anchor("5. Check it, and read an error"),
            "5-check-it-and-read-an-error"
        );
        assert_eq!(
            anchor("FS0406: choice never offered (warning)"),
            "fs0406-choice-never-offered-warning"
        );
        assert_eq!(page_link("lms.md#moodle"), "lms.html#moodle");
        assert_eq!(page_link("diagnostics.md"), "diagnostics.html");
        assert_eq!(page_link("#choices"), "#choices");
        assert_eq!(
            page_link("https://example.org/a.md"),
            "https://example.org/a.md"
        );
    }

    #[test]
    fn every_guide_renders_with_anchors_for_its_own_links() {
        for (name, title) in PAGES {
            let markdown = std::fs::read_to_string(root().join(format!("docs/{name}.md"))).unwrap();
            let html = page(title, &markdown);
            assert!(
                !html.contains("<!-- check"),
                "{name}: check markers are left out"
            );
            // Every link to a heading on the same page finds it.
            for link in html.split("href=\"#").skip(1) {
                let target = &link[..link.find('"').unwrap()];
                assert!(
                    html.contains(&format!("id=\"{target}\"")),
                    "docs/{name}.md links to #{target}, which no heading has"
                );
            }
        }
    }
}
