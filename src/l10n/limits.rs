//! Bounds on what a vendor's `.ftl` file can cost: how deep its placeables and
//! calls nest (Fluent's parser recurses on them), and how long a message can
//! grow when formatted (a message may insert another many times over).

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};
use std::collections::HashMap;

/// Placeables and calls nest at most this deep; real messages nest two or three.
pub const MAX_NESTING: usize = 32;

/// The longest text a message or term may format to (64 KiB).
pub const MAX_MESSAGE_BYTES: u64 = 64 * 1024;

/// What a variable counts as at least: `$market`, `$framing` and the theme's
/// arguments are short. A term's arguments are string literals of the files, so
/// a variable counts as the longest of those when that is longer.
const MIN_VARIABLE_BYTES: u64 = 1024;

#[derive(Clone, Copy, PartialEq)]
enum Context {
    Text,
    Expression,
}

/// The byte offset in `text` where placeables and calls first nest deeper than
/// [`MAX_NESTING`], if they do. Read as Fluent's parser reads them: a string
/// literal in an expression is skipped, a select's variants are text, and an
/// entry starting at the beginning of a line starts afresh.
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut open: Vec<Context> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let at_line_start = i == 0 || bytes[i - 1] == b'\n';
        if at_line_start && (b.is_ascii_alphabetic() || b == b'-' || b == b'#') {
            open.clear();
        }
        let context = open.last().copied().unwrap_or(Context::Text);
        match (context, b) {
            (_, b'{') | (Context::Expression, b'(') => {
                open.push(Context::Expression);
                if open.len() > MAX_NESTING {
                    return Some(i);
                }
            }
            (_, b'}') | (Context::Expression, b')') => {
                open.pop();
            }
            (Context::Expression, b'-') if bytes.get(i + 1) == Some(&b'>') => {
                // The variants of a select are text.
                if let Some(top) = open.last_mut() {
                    *top = Context::Text;
                }
                i += 1;
            }
            (Context::Expression, b'"') => {
                // A string literal ends at its closing quote or at the line's end.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// For each message and term (`-id`) defined in `defs` by its patterns (value
/// and attributes), an upper bound of the length of its formatted text: the
/// text of the longest variant of each select, with referenced messages counted
/// at their own bound. Linear in the size of the definitions; a reference cycle
/// counts nothing (Fluent refuses to format it).
pub fn longest_texts(defs: &HashMap<String, Vec<&Pattern<&str>>>) -> HashMap<String, u64> {
    let mut walk = Walk::default();
    let refs: HashMap<&str, Vec<String>> = defs
        .iter()
        .map(|(id, patterns)| {
            let mut found = Vec::new();
            for p in patterns {
                walk.collect_pattern(p, &mut found);
            }
            (id.as_str(), found)
        })
        .collect();
    walk.variable = walk.longest_literal.max(MIN_VARIABLE_BYTES);
    // Post-order without recursion: reference chains may be 100,000 long.
    let mut bounds: HashMap<String, Option<u64>> = HashMap::new();
    for root in defs.keys() {
        let mut stack = vec![(root.as_str(), false)];
        while let Some((id, expanded)) = stack.pop() {
            if !expanded {
                if bounds.contains_key(id) {
                    continue;
                }
                // `None` while its references are worked out: a cycle meets it.
                bounds.insert(id.to_string(), None);
                stack.push((id, true));
                for r in refs.get(id).into_iter().flatten() {
                    if defs.contains_key(r) && !bounds.contains_key(r.as_str()) {
                        stack.push((r, false));
                    }
                }
            } else {
                let bound = defs[id]
                    .iter()
                    .map(|p| walk.pattern(p, &bounds))
                    .max()
                    .unwrap_or(0);
                bounds.insert(id.to_string(), Some(bound));
            }
        }
    }
    bounds
        .into_iter()
        .map(|(id, b)| (id, b.unwrap_or(0)))
        .collect()
}

#[derive(Default)]
struct Walk {
    longest_literal: u64,
    variable: u64,
}

impl Walk {
    /// The ids a pattern refers to, and the longest string literal met.
    fn collect_pattern(&mut self, p: &Pattern<&str>, found: &mut Vec<String>) {
        for e in &p.elements {
            if let PatternElement::Placeable { expression } = e {
                self.collect_expression(expression, found);
            }
        }
    }

    fn collect_expression(&mut self, e: &Expression<&str>, found: &mut Vec<String>) {
        match e {
            Expression::Inline(i) => self.collect_inline(i, found),
            Expression::Select { selector, variants } => {
                self.collect_inline(selector, found);
                for v in variants {
                    self.collect_pattern(&v.value, found);
                }
            }
        }
    }

    fn collect_inline(&mut self, i: &InlineExpression<&str>, found: &mut Vec<String>) {
        match i {
            InlineExpression::StringLiteral { value } => {
                self.longest_literal = self.longest_literal.max(value.len() as u64);
            }
            InlineExpression::MessageReference { id, .. } => found.push(id.name.to_string()),
            InlineExpression::TermReference { id, arguments, .. } => {
                found.push(format!("-{}", id.name));
                for a in arguments.iter().flat_map(|a| arguments_of(a)) {
                    self.collect_inline(a, found);
                }
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                for a in arguments_of(arguments) {
                    self.collect_inline(a, found);
                }
            }
            InlineExpression::Placeable { expression } => {
                self.collect_expression(expression, found)
            }
            InlineExpression::NumberLiteral { .. } | InlineExpression::VariableReference { .. } => {
            }
        }
    }

    fn pattern(&self, p: &Pattern<&str>, bounds: &HashMap<String, Option<u64>>) -> u64 {
        p.elements.iter().fold(0, |sum, e| {
            sum.saturating_add(match e {
                PatternElement::TextElement { value } => value.len() as u64,
                PatternElement::Placeable { expression } => self.expression(expression, bounds),
            })
        })
    }

    fn expression(&self, e: &Expression<&str>, bounds: &HashMap<String, Option<u64>>) -> u64 {
        match e {
            Expression::Inline(i) => self.inline(i, bounds),
            Expression::Select { selector, variants } => {
                let longest = variants
                    .iter()
                    .map(|v| self.pattern(&v.value, bounds))
                    .max()
                    .unwrap_or(0);
                self.inline(selector, bounds).saturating_add(longest)
            }
        }
    }

    fn inline(&self, i: &InlineExpression<&str>, bounds: &HashMap<String, Option<u64>>) -> u64 {
        let bound_of = |id: &str| bounds.get(id).copied().flatten();
        match i {
            InlineExpression::StringLiteral { value } => value.len() as u64,
            // A number is formatted with grouping and fraction digits.
            InlineExpression::NumberLiteral { value } => value.len() as u64 * 2 + 8,
            InlineExpression::VariableReference { .. } => self.variable,
            // A reference that cannot be resolved formats as `{id}`.
            InlineExpression::MessageReference { id, .. } => {
                bound_of(id.name).unwrap_or(id.name.len() as u64 + 2)
            }
            InlineExpression::TermReference { id, arguments, .. } => {
                let args: u64 = arguments
                    .iter()
                    .flat_map(|a| arguments_of(a))
                    .map(|a| self.inline(a, bounds))
                    .fold(0, u64::saturating_add);
                bound_of(&format!("-{}", id.name))
                    .unwrap_or(id.name.len() as u64 + 3)
                    .saturating_add(args)
            }
            // Its arguments are resolved before it is called.
            InlineExpression::FunctionReference { arguments, .. } => arguments_of(arguments)
                .map(|a| self.inline(a, bounds))
                .fold(64, u64::saturating_add),
            InlineExpression::Placeable { expression } => self.expression(expression, bounds),
        }
    }
}

fn arguments_of<'a>(
    args: &'a fluent_syntax::ast::CallArguments<&'a str>,
) -> impl Iterator<Item = &'a InlineExpression<&'a str>> {
    args.positional
        .iter()
        .chain(args.named.iter().map(|n| &n.value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::Entry;

    fn bounds(ftl: &str) -> HashMap<String, u64> {
        let res = fluent_syntax::parser::parse(ftl).unwrap_or_else(|(r, _)| r);
        let mut defs: HashMap<String, Vec<&Pattern<&str>>> = HashMap::new();
        for e in &res.body {
            let (id, value, attrs) = match e {
                Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
                Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
                _ => continue,
            };
            let patterns = value.into_iter().chain(attrs.iter().map(|a| &a.value));
            defs.insert(id, patterns.collect());
        }
        longest_texts(&defs)
    }

    #[test]
    fn a_message_counts_its_text_and_what_it_inserts() {
        let b = bounds("a = abc\nb = { a }{ a } and { -t }\n-t = term\n");
        assert_eq!(b["a"], 3);
        assert_eq!(b["-t"], 4);
        assert_eq!(b["b"], 3 + 3 + 5 + 4);
    }

    #[test]
    fn a_select_counts_its_longest_variant_and_attributes_count_too() {
        let b = bounds(
            "s = { $x ->\n    [a] short\n   *[b] much longer text\n}\nm = v\n    .attr = a longer attribute\n",
        );
        assert_eq!(b["s"], MIN_VARIABLE_BYTES + "much longer text".len() as u64);
        assert_eq!(b["m"], "a longer attribute".len() as u64);
    }

    #[test]
    fn fan_out_multiplies_and_cycles_count_nothing() {
        let big = "x".repeat(1000);
        let fan: String = "{ big }".repeat(90);
        let b = bounds(&format!(
            "big = {big}\nfan = {fan}\nfan2 = {{ fan }}{{ fan }}\nc1 = {{ c2 }}\nc2 = {{ c1 }}\n"
        ));
        assert_eq!(b["fan"], 90_000);
        assert_eq!(b["fan2"], 180_000);
        assert!(b["c1"] < 10 && b["c2"] < 10);
    }

    #[test]
    fn a_long_chain_is_walked_without_recursion() {
        let n = 100_000;
        let ftl: String = (0..n)
            .map(|i| format!("m{i} = {{ m{} }}x\n", i + 1))
            .collect();
        let b = bounds(&ftl);
        assert_eq!(b["m0"], n as u64 + "m100000".len() as u64 + 2);
    }

    #[test]
    fn term_arguments_and_functions_count_what_they_resolve() {
        let long = "y".repeat(5000);
        let b = bounds(&format!(
            "-t = {{ $x }}{{ $x }}\nm = {{ -t(x: \"{long}\") }}\nn = {{ NUMBER(m) }}\n"
        ));
        assert_eq!(b["-t"], 10_000, "a variable counts as the longest literal");
        assert_eq!(b["m"], 10_000 + 5000);
        assert_eq!(b["n"], 64 + 15_000);
    }

    #[test]
    fn nesting_is_measured_as_the_parser_reads_it() {
        let deep = |n: usize| format!("a = {}1{}\n", "{ ".repeat(n), " }".repeat(n));
        assert_eq!(too_deep(&deep(MAX_NESTING)), None);
        assert!(too_deep(&deep(MAX_NESTING + 1)).is_some());
        let calls = format!(
            "a = {{ {}1{} }}\n",
            "F(".repeat(MAX_NESTING),
            ")".repeat(MAX_NESTING)
        );
        assert!(too_deep(&calls).is_some());
        // Escaped braces, braces in string literals, parentheses in text and a
        // closing brace at the start of a line do not count.
        let escapes = format!("a = {}\n", "{\"{\"} (x ".repeat(200));
        assert_eq!(too_deep(&escapes), None);
        let select = "s = { $n ->\n    [one] one (\n   *[other] {\"}\"} {\"{\"}\n}\n".repeat(100);
        assert_eq!(too_deep(&select), None);
        // A new entry starts afresh after a broken one.
        let broken = "a = { { {\n".repeat(100);
        assert_eq!(too_deep(&broken), None);
    }
}
