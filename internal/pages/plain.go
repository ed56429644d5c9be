package pages

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// plainText renders markdown as an email's plain-text part reads it: the
// words without their marks (no **, _, # or `), links written out as
// "text: URL", list items as "- " or "1. ", quotes as "> ", blocks apart by
// a blank line and a paragraph's own line breaks kept.
func plainText(src string) string {
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	p := &plainWriter{source: source}
	p.blocks(doc, "")
	return strings.TrimSpace(p.b.String()) + "\n"
}

// plainWriter gathers the text of a parsed page.
type plainWriter struct {
	source []byte
	b      strings.Builder
}

// blocks writes each block child of n, a blank line apart, every line after
// a block's first prefixed by indent.
func (p *plainWriter) blocks(n ast.Node, indent string) {
	first := true
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if !first {
			p.b.WriteString("\n\n" + indent)
		}
		first = false
		p.block(c, indent)
	}
}

// block writes one block.
func (p *plainWriter) block(n ast.Node, indent string) {
	switch n := n.(type) {
	case *ast.List:
		p.list(n, indent)
	case *ast.Blockquote:
		p.b.WriteString("> ")
		p.blocks(n, indent+"> ")
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			if i > 0 {
				p.b.WriteString(indent)
			}
			seg := lines.At(i)
			p.b.Write(bytes.TrimRight(seg.Value(p.source), " "))
		}
	case *ast.ThematicBreak:
		p.b.WriteString("---")
	case *ast.HTMLBlock:
		// Raw HTML is left out of pages, so out of their text too.
	case *east.Table:
		p.table(n, indent)
	default:
		if n.Type() == ast.TypeBlock && n.HasChildren() && n.FirstChild().Type() == ast.TypeBlock {
			p.blocks(n, indent)
			return
		}
		p.inlines(n, indent)
	}
}

// list writes a list's items, numbered when the list is.
func (p *plainWriter) list(l *ast.List, indent string) {
	number := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		if item != l.FirstChild() {
			p.b.WriteString("\n" + indent)
		}
		mark := "- "
		if l.IsOrdered() {
			mark = strconv.Itoa(number) + ". "
			number++
		}
		p.b.WriteString(mark)
		p.blocks(item, indent+strings.Repeat(" ", len(mark)))
	}
}

// table writes each row with its cells apart by " | ".
func (p *plainWriter) table(t *east.Table, indent string) {
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		if row != t.FirstChild() {
			p.b.WriteString("\n" + indent)
		}
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if cell != row.FirstChild() {
				p.b.WriteString(" | ")
			}
			p.inlines(cell, indent)
		}
	}
}

// inlines writes the inline children of n.
func (p *plainWriter) inlines(n ast.Node, indent string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p.inline(c, indent)
	}
}

// inline writes one inline node.
func (p *plainWriter) inline(n ast.Node, indent string) {
	switch n := n.(type) {
	case *ast.Text:
		p.b.Write(unescape(n.Value(p.source)))
		switch {
		case n.HardLineBreak(), n.SoftLineBreak():
			p.b.WriteString("\n" + indent)
		}
	case *ast.String:
		p.b.Write(n.Value)
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				p.b.Write(t.Value(p.source))
			} else if s, ok := c.(*ast.String); ok {
				p.b.Write(s.Value)
			}
		}
	case *ast.Link:
		start := p.b.Len()
		p.inlines(n, indent)
		label, dest := p.b.String()[start:], string(unescape(n.Destination))
		if label != dest {
			p.b.WriteString(": " + dest)
		}
	case *ast.Image:
		p.inlines(n, indent)
	case *ast.AutoLink:
		p.b.Write(n.URL(p.source))
	case *ast.RawHTML:
		// left out, as in the HTML
	default:
		p.inlines(n, indent) // emphasis, strikethrough: the words only
	}
}

// unescape turns backslash escapes and character references into the
// characters they stand for.
func unescape(b []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
}
