//! `imsmanifest.xml` for a SCORM package: one SCO per scenario, all launching the
//! same player with `?scenario=<id>`.

use crate::scorm::Version;

/// One scenario in the package.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageItem {
    /// The scenario id (`healthcare/night-shift-opioid`).
    pub scenario: String,
    pub title: String,
    /// The pass mark, 0–100.
    pub pass_mark: u32,
}

/// What goes in the manifest besides the items.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// The package's identifier, unique for the LMS (letters, digits, dashes).
    pub identifier: String,
    pub title: String,
    pub items: Vec<PackageItem>,
    /// Every file in the package, relative to its root, `/`-separated.
    pub files: Vec<String>,
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn item_id(scenario: &str) -> String {
    let id: String = scenario
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("item-{id}")
}

/// The manifest for `version`.
pub fn imsmanifest(version: Version, package: &Package) -> String {
    let e = xml_escape;
    let mut items = String::new();
    for item in &package.items {
        let sequencing = match version {
            // SCORM 1.2: the LMS sets passed/failed from the score and this.
            Version::V12 => format!(
                "        <adlcp:masteryscore>{}</adlcp:masteryscore>\n",
                item.pass_mark
            ),
            // SCORM 2004: the SCO reports success itself; the objective says the same
            // pass mark for LMSs that judge by measure.
            Version::V2004 => format!(
                "        <imsss:sequencing>\n          <imsss:objectives>\n            <imsss:primaryObjective objectiveID=\"pass\" satisfiedByMeasure=\"true\">\n              <imsss:minNormalizedMeasure>{:.2}</imsss:minNormalizedMeasure>\n            </imsss:primaryObjective>\n          </imsss:objectives>\n        </imsss:sequencing>\n",
                f64::from(item.pass_mark) / 100.0
            ),
        };
        items.push_str(&format!(
            "      <item identifier=\"{}\" identifierref=\"player\" parameters=\"?scenario={}\">\n        <title>{}</title>\n{sequencing}      </item>\n",
            e(&item_id(&item.scenario)),
            e(&item.scenario),
            e(&item.title),
        ));
    }
    let mut files = String::new();
    for f in &package.files {
        files.push_str(&format!("      <file href=\"{}\"/>\n", e(f)));
    }
    let (head, metadata, scorm_type) = match version {
        Version::V12 => (
            r#"<manifest identifier="{ID}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">"#,
            "    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>",
            r#"adlcp:scormtype="sco""#,
        ),
        Version::V2004 => (
            r#"<manifest identifier="{ID}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">"#,
            "    <schema>ADL SCORM</schema>\n    <schemaversion>2004 4th Edition</schemaversion>",
            r#"adlcp:scormType="sco""#,
        ),
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n  <metadata>\n{metadata}\n  </metadata>\n  <organizations default=\"firstshift\">\n    <organization identifier=\"firstshift\">\n      <title>{}</title>\n{items}    </organization>\n  </organizations>\n  <resources>\n    <resource identifier=\"player\" type=\"webcontent\" {scorm_type} href=\"index.html\">\n{files}    </resource>\n  </resources>\n</manifest>\n",
        head.replace("{ID}", &e(&package.identifier)),
        e(&package.title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package() -> Package {
        Package {
            identifier: "firstshift-healthcare".into(),
            title: "Care & cure <test>".into(),
            items: vec![
                PackageItem {
                    scenario: "healthcare/night-shift-opioid".into(),
                    title: "Night shift".into(),
                    pass_mark: 70,
                },
                PackageItem {
                    scenario: "healthcare/emt-anaphylaxis".into(),
                    title: "Lunch period".into(),
                    pass_mark: 75,
                },
            ],
            files: vec!["index.html".into(), "firstshift_web_bg.wasm".into()],
        }
    }

    #[test]
    fn scorm_12_manifest_names_its_schema_items_and_mastery() {
        let m = imsmanifest(Version::V12, &package());
        assert!(m.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest identifier=\"firstshift-healthcare\""));
        assert!(m.contains("<schemaversion>1.2</schemaversion>"));
        assert!(m.contains("xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\""));
        assert!(m.contains("<title>Care &amp; cure &lt;test&gt;</title>"));
        assert!(m.contains(
            "identifierref=\"player\" parameters=\"?scenario=healthcare/night-shift-opioid\""
        ));
        assert!(m.contains("<adlcp:masteryscore>75</adlcp:masteryscore>"));
        assert!(m.contains("adlcp:scormtype=\"sco\" href=\"index.html\""));
        assert!(m.contains("<file href=\"firstshift_web_bg.wasm\"/>"));
        assert_eq!(m.matches("<item ").count(), 2);
        assert_eq!(m.matches("<item ").count(), m.matches("</item>").count());
    }

    #[test]
    fn scorm_2004_manifest_is_4th_edition_with_a_measure_objective() {
        let m = imsmanifest(Version::V2004, &package());
        assert!(m.contains("<schemaversion>2004 4th Edition</schemaversion>"));
        assert!(m.contains("xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\""));
        assert!(m.contains("adlcp:scormType=\"sco\""));
        assert!(m.contains("<imsss:minNormalizedMeasure>0.70</imsss:minNormalizedMeasure>"));
        assert!(m.contains("satisfiedByMeasure=\"true\""));
    }
}
