package views

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// adminPage is what every dashboard screen carries besides its own data:
// the layout with its section marked, who is signed in, and a one-line
// notice carried over a redirect (?notice=...).
type adminPage struct {
	Layout
	Notice string
}

// newAdminPage fills the common part of a dashboard screen.
func newAdminPage(e *core.RequestEvent, section string) adminPage {
	l := adminLayout(e.App)
	l.Section = section
	p := adminPage{Layout: l, Notice: notices[e.Request.URL.Query().Get("notice")]}
	if e.Auth != nil {
		p.SignedIn = e.Auth.Email()
	}
	return p
}

// notices are the fixed confirmations a redirect may ask a screen to show;
// only these keys are shown, so a link cannot put words on the page.
var notices = map[string]string{
	"saved":     "Saved.",
	"created":   "Created.",
	"deleted":   "Deleted.",
	"sent":      "Sent.",
	"retried":   "Queued to be sent again.",
	"approved":  "Approved.",
	"fulfilled": "Marked fulfilled.",
	"declined":  "Declined.",
	"optout":    "Opted out: this customer will not be asked again.",
	"optin":     "Opted back in: this customer can be asked again.",
	"moment":    "Moment recorded.",
	"restored":  "The shipped wording is back.",
}

// redirectNotice sends the browser to path with a notice key to show there.
func redirectNotice(e *core.RequestEvent, path, notice string) error {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return e.Redirect(http.StatusSeeOther, path+sep+"notice="+url.QueryEscape(notice))
}

// Form keeps what a person typed and what is wrong with it, so a refused
// form comes back filled in with each error beside its field.
type Form struct {
	Values url.Values
	Errors map[string]string
}

// newForm reads a posted form.
func newForm(e *core.RequestEvent) Form {
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

// newPager reads ?page= for a list of total items.
func newPager(e *core.RequestEvent, total, perPage int) Pager {
	p := Pager{PerPage: perPage, Total: total, path: e.Request.URL.Path, query: url.Values{}}
	for k, v := range e.Request.URL.Query() {
		if k != "page" && k != "notice" {
			p.query[k] = v
		}
	}
	p.Page, _ = strconv.Atoi(e.Request.URL.Query().Get("page"))
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

// adminGroup is a group of dashboard routes under prefix: every route needs
// a signed-in superuser, and every state-changing request passes the
// cross-origin check (safe methods pass it untouched).
func adminGroup(g *router.RouterGroup[*core.RequestEvent], prefix string) *router.RouterGroup[*core.RequestEvent] {
	sub := g.Group(prefix)
	sub.BindFunc(requireAdmin)
	sub.BindFunc(sameOrigin)
	return sub
}

// adminError renders the one error page inside the dashboard.
func adminError(e *core.RequestEvent, status int, title, message string) error {
	return render(e, status, "error", errorPage{Layout: adminLayout(e.App), Code: status, Title: title, Message: message})
}

// adminNotFound answers a dashboard URL whose record does not exist.
func adminNotFound(e *core.RequestEvent) error {
	return adminError(e, http.StatusNotFound, "Not found", "That record does not exist, or it was deleted. Go back to the list and try again.")
}

// sentence makes a rule's message a sentence for a person: capital first,
// full stop last.
func sentence(s string) string {
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

// countByStatus counts a collection's records by status, for tabs and
// board columns; table is one of Warmloop's own collection names.
func countByStatus(app core.App, table string) (map[string]int, error) {
	var rows []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	err := app.DB().Select("status", "COUNT(*) AS n").From(table).GroupBy("status").All(&rows)
	counts := map[string]int{}
	for _, r := range rows {
		counts[r.Status] = r.N
	}
	return counts, err
}

// containsAny matches rows where any of columns contains text, taken
// literally: % and _ typed in a search are not wildcards. (dbx.Like escapes
// them but writes no ESCAPE clause, which SQLite needs.) Columns come from
// the code, never from the request.
func containsAny(text string, columns ...string) dbx.Expression {
	pattern := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(text) + "%"
	parts := make([]string, len(columns))
	for i, c := range columns {
		parts[i] = c + ` LIKE {:contains} ESCAPE '\'`
	}
	return dbx.NewExp("("+strings.Join(parts, " OR ")+")", dbx.Params{"contains": pattern})
}
