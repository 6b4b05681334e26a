//! An XLIFF 2.0 document as a vendor sends it back: per unit, its source and
//! target as text (each code replaced by its original data) and the data of
//! the codes in order. Read with quick-xml; elements of other namespaces
//! (modules, tools' extensions) are passed over.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// One unit read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadUnit {
    pub file: String,
    pub original: String,
    pub id: String,
    pub source: String,
    pub source_codes: Vec<String>,
    /// `None` when the unit has no `<target>`: not translated.
    pub target: Option<String>,
    pub target_codes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadDoc {
    pub trg_lang: String,
    pub units: Vec<ReadUnit>,
}

/// Why a document cannot be read: the message, and the unit it is in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", unit.as_ref().map(|u| format!("unit `{u}`: ")).unwrap_or_default())]
pub struct ReadError {
    pub unit: Option<String>,
    pub message: String,
}

/// Where the reader is.
#[derive(Default)]
struct State {
    doc: ReadDoc,
    file: (String, String),
    unit: Option<ReadUnit>,
    data: HashMap<String, String>,
    /// The `<data>` being read.
    data_id: Option<String>,
    /// Inside `<source>` (false) or `<target>` (true).
    side: Option<bool>,
    /// The closing data of the `<pc>`s open.
    pc_ends: Vec<String>,
}

/// Read an XLIFF 2.0 document.
pub fn parse_xliff(text: &str) -> Result<ReadDoc, ReadError> {
    let mut reader = Reader::from_str(text);
    let mut st = State::default();
    loop {
        let event = reader.read_event().map_err(|e| st.error(e.to_string()))?;
        match event {
            Event::Start(e) => st.start(&e, false)?,
            Event::Empty(e) => st.start(&e, true)?,
            Event::End(e) => st.end(e.local_name().as_ref())?,
            Event::Text(t) => st.text(&t.xml10_content()),
            Event::CData(t) => st.text(&t),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = r.to_string();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| st.error(format!("unknown entity &{name};")))?
                            .to_string()
                    }
                };
                st.text(&c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if st.doc.trg_lang.is_empty() {
        return Err(st.error("not an XLIFF 2.0 document with a trgLang".into()));
    }
    Ok(st.doc)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok().flatten()?;
    (a.normalized_value(quick_xml::XmlVersion::default()).ok()).map(|v| v.into_owned())
}

impl State {
    fn error(&self, message: String) -> ReadError {
        ReadError {
            unit: self.unit.as_ref().map(|u| u.id.clone()),
            message,
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), ReadError> {
        let name = e.local_name();
        match name.as_ref() {
            "xliff" => {
                if attr(e, "version").is_none_or(|v| !v.starts_with("2.")) {
                    return Err(self.error("not XLIFF 2.x: `version` must be 2.0".into()));
                }
                self.doc.trg_lang = attr(e, "trgLang").unwrap_or_default();
            }
            "file" => {
                self.file = (
                    attr(e, "id").unwrap_or_default(),
                    attr(e, "original").unwrap_or_default(),
                );
            }
            "unit" => {
                self.data.clear();
                self.unit = Some(ReadUnit {
                    file: self.file.0.clone(),
                    original: self.file.1.clone(),
                    id: attr(e, "id").unwrap_or_default(),
                    source: String::new(),
                    source_codes: Vec::new(),
                    target: None,
                    target_codes: Vec::new(),
                });
            }
            "data" => self.data_id = attr(e, "id"),
            "source" => self.side = Some(false),
            "target" => {
                self.side = Some(true);
                if let Some(u) = &mut self.unit {
                    u.target = Some(String::new());
                }
            }
            "ph" | "pc" if self.side.is_some() => self.code(e, empty)?,
            "sc" | "ec" | "sm" | "em" | "mrk" if self.side.is_some() => {
                return Err(self.error(format!(
                    "<{}> is not supported: keep the codes as <ph> and <pc>",
                    name.as_ref()
                )));
            }
            _ => {}
        }
        if empty {
            self.end(name.as_ref())?;
        }
        Ok(())
    }

    /// A `<ph>` or an opening `<pc>`: its data goes into the text.
    fn code(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), ReadError> {
        let is_ph = e.local_name().as_ref() == "ph";
        let data = |key: &str, st: &State| -> Result<String, ReadError> {
            let r = attr(e, key).ok_or_else(|| st.error(format!("a code without `{key}`")))?;
            (st.data.get(&r).cloned()).ok_or_else(|| st.error(format!("`{r}` names no <data>")))
        };
        let (open, close) = if is_ph {
            (data("dataRef", self)?, None)
        } else {
            (data("dataRefStart", self)?, Some(data("dataRefEnd", self)?))
        };
        self.push(&open, Some(open.clone()));
        if let Some(close) = close {
            if empty {
                self.push(&close, Some(close.clone()));
            } else {
                self.pc_ends.push(close);
            }
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), ReadError> {
        match name {
            "unit" => {
                if let Some(u) = self.unit.take() {
                    self.doc.units.push(u);
                }
            }
            "data" => self.data_id = None,
            "source" | "target" => self.side = None,
            "pc" if self.side.is_some() => {
                let close = self.pc_ends.pop().unwrap_or_default();
                self.push(&close, Some(close.clone()));
            }
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, text: &str) {
        if let Some(id) = &self.data_id {
            self.data.entry(id.clone()).or_default().push_str(text);
        } else if self.side.is_some() {
            self.push(text, None);
        }
    }

    /// Text, or a code's data, into the side being read.
    fn push(&mut self, text: &str, code: Option<String>) {
        let Some(u) = &mut self.unit else { return };
        let (out, codes) = match self.side {
            Some(false) => (&mut u.source, &mut u.source_codes),
            Some(true) => match &mut u.target {
                Some(t) => (t, &mut u.target_codes),
                None => return,
            },
            None => return,
        };
        out.push_str(text);
        codes.extend(code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_their_data_again() {
        let xlf = r#"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="fr">
 <file id="f" original="content/explainers/a.md"><unit id="p1">
  <originalData><data id="d1">**</data><data id="d2">{{ t &quot;-brand&quot; }}</data></originalData>
  <segment><source>Open <pc id="1" dataRefStart="d1" dataRefEnd="d1">Settings</pc> on <ph id="2" dataRef="d2"/> &amp; go</source>
  <target>Ouvrez <pc id="1" dataRefStart="d1" dataRefEnd="d1">Réglages</pc> sur <ph id="2" dataRef="d2"/></target></segment>
 </unit></file></xliff>"#;
        let doc = parse_xliff(xlf).unwrap();
        assert_eq!(doc.trg_lang, "fr");
        let u = &doc.units[0];
        assert_eq!((u.file.as_str(), u.id.as_str()), ("f", "p1"));
        assert_eq!(u.source, "Open **Settings** on {{ t \"-brand\" }} & go");
        assert_eq!(
            u.target.as_deref(),
            Some("Ouvrez **Réglages** sur {{ t \"-brand\" }}")
        );
        assert_eq!(u.target_codes, ["**", "**", "{{ t \"-brand\" }}"]);
        let bad = xlf.replace("dataRef=\"d2\"/></target>", "dataRef=\"d9\"/></target>");
        let e = parse_xliff(&bad).unwrap_err();
        assert_eq!(e.unit.as_deref(), Some("p1"));
    }
}
