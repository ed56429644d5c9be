// Package form reads what a person posted and keeps it with what is wrong
// with it, so a refused form comes back filled in with each error beside its
// field; it also maps a record's save errors onto fields and pages long lists.
package form

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// Form keeps what a person typed and what is wrong with it, so a refused
// form comes back filled in with each error beside its field.
type Form struct {
	Values url.Values
	Errors map[string]string
}

// New reads a posted form.
func New(e *core.RequestEvent) Form {
	_ = e.Request.ParseForm()
	return Form{Values: e.Request.PostForm, Errors: map[string]string{}}
}

// Get is the trimmed value typed into a field.
func (f Form) Get(name string) string { return strings.TrimSpace(f.Values.Get(name)) }

// Checked reports whether a checkbox was ticked.
func (f Form) Checked(name string) bool {
	v := f.Values.Get(name)
	return v == "on" || v == "true" || v == "1"
}

// Error is the message for a field, "" when it is fine.
func (f Form) Error(name string) string { return f.Errors[name] }

// Fail records what is wrong with a field; the first message stays.
func (f Form) Fail(name, message string) {
	if _, ok := f.Errors[name]; !ok {
		f.Errors[name] = message
	}
}

// Valid reports whether no field failed.
func (f Form) Valid() bool { return len(f.Errors) == 0 }

// Pager splits a long list into pages of PerPage; links keep the other
// query parameters (search, filters).
type Pager struct {
	Page, PerPage, Total int
	query                url.Values
	path                 string
}

// NewPager reads ?page= for a list of total items.
func NewPager(e *core.RequestEvent, total, perPage int) Pager {
	return PagerAt(e.Request.URL.Path, e.Request.URL.Query(), total, perPage)
}

// PagerAt is a pager for a list at path with a query, for screens drawn
// again after a POST as well as on GET.
func PagerAt(path string, q url.Values, total, perPage int) Pager {
	p := Pager{PerPage: perPage, Total: total, path: path, query: url.Values{}}
	for k, v := range q {
		if k != "page" && k != "notice" {
			p.query[k] = v
		}
	}
	p.Page, _ = strconv.Atoi(q.Get("page"))
	p.Page = max(1, min(p.Page, p.Pages()))
	return p
}

// Pages is the number of pages, at least 1.
func (p Pager) Pages() int { return max(1, (p.Total+p.PerPage-1)/p.PerPage) }

// Offset is the first item of the current page, for LIMIT/OFFSET.
func (p Pager) Offset() int { return (p.Page - 1) * p.PerPage }

// First and Last number the items shown, 1-based, for "21–40 of 312".
func (p Pager) First() int { return min(p.Total, p.Offset()+1) }
func (p Pager) Last() int  { return min(p.Total, p.Offset()+p.PerPage) }

// PrevURL and NextURL link the neighbouring pages, "" at either end.
func (p Pager) PrevURL() string {
	if p.Page <= 1 {
		return ""
	}
	return p.url(p.Page - 1)
}
func (p Pager) NextURL() string {
	if p.Page >= p.Pages() {
		return ""
	}
	return p.url(p.Page + 1)
}

func (p Pager) url(page int) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Set("page", strconv.Itoa(page))
	return p.path + "?" + q.Encode()
}

// FailFromSave puts the validation errors a save returned (the schema's or
// a hook's) beside their fields, as sentences. An error on a field the form
// does not show (not in fields; nil means every field is shown) goes under
// fallback. It is false when err is not a validation error: the caller then
// says what went wrong.
func (f Form) FailFromSave(err error, fields []string, fallback string) bool {
	var ve validation.Errors
	if !errors.As(err, &ve) {
		return false
	}
	for name, fieldErr := range ve {
		if fields != nil && !slices.Contains(fields, name) {
			name = fallback
		}
		f.Fail(name, Sentence(fieldErr.Error()))
	}
	return true
}

// Sentence makes a rule's message a sentence for a person: capital first,
// full stop last.
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
