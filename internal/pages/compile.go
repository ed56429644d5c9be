package pages

import (
	"bytes"
	"html"
	"net/url"
	"strconv"
	"strings"
)

// Compiled is a markdown page rendered to HTML once: what is the same for
// every reader is rendered in, and each {{name}} that differs per reader
// (a slot) is filled by Fill, HTML-escaped, without running goldmark again.
type Compiled struct {
	parts []string // len(parts) == len(slots)+1
	slots []slot
	plain bool // plain text: values go in as they are
}

// slot is one place in the rendered HTML a per-reader value goes.
type slot struct {
	name   string
	raw    string // the {{placeholder}} as written, for a plain text without the value
	people bool   // the value comes from a person
	inTag  bool   // the place is inside a tag, such as a link's href
}

// sentinel marks slot i in the markdown; letters and digits only, so
// goldmark passes it through text and link destinations unchanged.
func sentinel(i int) string { return "wlslot" + strconv.Itoa(i) + "z" }

// Compile renders src with fixed filled in first (as HTML does) and every
// {{name}} listed in people or system left as a slot for Fill.
func Compile(src string, fixed Vars, people, system []string) (*Compiled, error) {
	kinds := map[string]bool{}
	for _, n := range system {
		kinds[n] = false
	}
	for _, n := range people {
		kinds[n] = true
	}
	var names []string
	withSentinels := placeholder.ReplaceAllStringFunc(src, func(m string) string {
		name := placeholder.FindStringSubmatch(m)[1]
		if _, ok := kinds[name]; !ok {
			return m
		}
		names = append(names, name)
		return sentinel(len(names) - 1)
	})
	var buf bytes.Buffer
	if err := md.Convert([]byte(fill(withSentinels, fixed, escapeMarkdown)), &buf); err != nil {
		return nil, err
	}
	out := buf.String()
	c := &Compiled{}
	for i, name := range names {
		s := sentinel(i)
		at := strings.Index(out, s)
		if at < 0 {
			continue // goldmark dropped it (inside raw HTML, say)
		}
		before := out[:at]
		c.parts = append(c.parts, before)
		c.slots = append(c.slots, slot{
			name:   name,
			people: kinds[name],
			inTag:  strings.LastIndexByte(before, '<') > strings.LastIndexByte(before, '>'),
		})
		out = out[at+len(s):]
	}
	c.parts = append(c.parts, out)
	return c, nil
}

// Fill writes the page with each slot's value. Every value is HTML-escaped;
// a person's value that lands inside a tag (an author wrote it as a link
// target) is also URL-escaped, so it can never become a javascript: link.
func (c *Compiled) Fill(values map[string]string) string {
	var b strings.Builder
	n := 0
	for _, p := range c.parts {
		n += len(p)
	}
	b.Grow(n + 64*len(c.slots))
	for i, s := range c.slots {
		b.WriteString(c.parts[i])
		v, ok := values[s.name]
		if c.plain {
			if !ok {
				v = s.raw
			}
			b.WriteString(v)
			continue
		}
		if s.people && s.inTag {
			v = url.QueryEscape(v)
		}
		b.WriteString(html.EscapeString(v))
	}
	b.WriteString(c.parts[len(c.parts)-1])
	return b.String()
}

// CompileText prepares the plain-text alternative of an email once: the
// markdown read as plain words (plainText), every {{name}} a slot that Fill
// fills as typed.
func CompileText(src string) *Compiled {
	out := plainText(src)
	c := &Compiled{plain: true}
	last := 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(out, -1) {
		c.parts = append(c.parts, out[last:m[0]])
		c.slots = append(c.slots, slot{name: out[m[2]:m[3]], raw: out[m[0]:m[1]]})
		last = m[1]
	}
	c.parts = append(c.parts, out[last:])
	return c
}

// Flat is every variable in one map, for Fill.
func (v Vars) Flat() map[string]string {
	out := make(map[string]string, len(v.People)+len(v.System))
	for k, val := range v.People {
		out[k] = val
	}
	for k, val := range v.System {
		out[k] = val
	}
	return out
}
