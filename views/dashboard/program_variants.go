package dashboard

import (
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/locale"
	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/internal/rewards"
	"warmloop/views/form"
)

// progVariantTouches are the asks a variant can word, in the reader's
// language: the first one, fired by a happy moment, or a follow-up from the
// cadence.
func progVariantTouches(sp locale.Speaker) []progOption {
	return []progOption{
		{Value: "first", Label: sp.T("dash.program.variant.touch_first")},
		{Value: "followup", Label: sp.T("dash.program.variant.touch_followup")},
	}
}

// localeOptions are the shipped locales as a select offers them, English first.
func localeOptions(sp locale.Speaker) []progOption {
	opts := make([]progOption, len(locale.Shipped))
	for i, l := range locale.Shipped {
		opts[i] = progOption{Value: l, Label: languageName(sp, l)}
	}
	return opts
}

// progVariantName is the shape of a variant's name, as the schema has it.
var progVariantName = regexp.MustCompile(`^[a-z0-9_-]+$`)

// progVariantRow is one message variant in the list.
type progVariantRow struct {
	ID, Name, Touch, Subject, Share string
	Locale, LocaleName              string
	Weight, Asks                    int
	Active                          bool
}

// progVariantRows lists the variants by touch and name, each with its share of
// its touch's asks (by weight among the active ones) and how many asks used
// it; and names the touches no active variant covers.
func progVariantRows(sp locale.Speaker, app core.App) ([]progVariantRow, []string, error) {
	recs, err := asks.ListVariants(app)
	if err != nil {
		return nil, nil, err
	}
	used, err := asks.CountAsksByVariant(app)
	if err != nil {
		return nil, nil, err
	}
	weighted := make([]asks.Weighted, len(recs))
	for i, r := range recs {
		weighted[i] = asks.Weighted{ID: r.Id, Touch: r.GetString("touch"), Locale: r.GetString("locale"),
			Weight: r.GetInt("weight"), Active: r.GetBool("active")}
	}
	shares, uncovered := asks.Shares(weighted)
	rows := make([]progVariantRow, len(recs))
	for i, r := range recs {
		rows[i] = progVariantRow{ID: r.Id, Name: r.GetString("name"), Touch: progVariantTouchLabel(sp, r.GetString("touch")),
			Subject: r.GetString("subject"), Weight: r.GetInt("weight"), Active: r.GetBool("active"),
			Locale: r.GetString("locale"), LocaleName: languageName(sp, r.GetString("locale")),
			Asks: used[asks.VariantKey{Name: r.GetString("name"), Locale: r.GetString("locale")}], Share: "–"}
		if share, ok := shares[r.Id]; ok {
			rows[i].Share = sp.T("dash.format.percent", "Value", sp.Number(share))
		}
	}
	labels := make([]string, len(uncovered))
	for i, t := range uncovered {
		labels[i] = progVariantTouchLabel(sp, t)
	}
	return rows, labels, nil
}

// progVariantTouchLabel is the short name of a touch for lists, in the
// reader's language.
func progVariantTouchLabel(sp locale.Speaker, touch string) string {
	if touch == "followup" {
		return sp.T("dash.program.variant.touch_followup_short")
	}
	return sp.T("dash.program.variant.touch_first_short")
}

// progVariantPage is the form that adds or edits a message variant, beside a
// preview of the email.
type progVariantPage struct {
	adminPage
	IsNew     bool
	ID, Name  string
	Form      form.Form
	Touches   []progOption
	Locales   []progOption
	Active    bool
	Asks      int
	CanDelete bool
	Refused   string
	Preview   progVariantPreviewData
}

// progVariantPreviewData is the email as a customer would read it, with
// example values for the variables; its label is in the reader's language.
type progVariantPreviewData struct {
	locale.Speaker
	Subject string
	Body    template.HTML
	Error   string
}

// progVariantNewForm shows an empty variant form: a first ask, weight 1, active.
func progVariantNewForm(e *core.RequestEvent) error {
	f := form.Form{Values: url.Values{"touch": {"first"}, "locale": {locale.English}, "weight": {"1"}, "active": {"on"},
		"body": {"Hi {{first_name}},\n\n\n\n[Introduce someone]({{link}})\n\n{{sender_name}}\n"}}, Errors: map[string]string{}}
	return progRenderVariant(e, http.StatusOK, nil, f, "")
}

// progVariantEditForm shows a variant's form, filled in.
func progVariantEditForm(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("variants", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	return progRenderVariant(e, http.StatusOK, r, progVariantValues(r), "")
}

// progVariantValues fills a form from a stored variant.
func progVariantValues(r *core.Record) form.Form {
	v := url.Values{
		"name": {r.GetString("name")}, "touch": {r.GetString("touch")}, "locale": {r.GetString("locale")},
		"subject": {r.GetString("subject")},
		"body":    {r.GetString("body")}, "weight": {strconv.Itoa(r.GetInt("weight"))},
	}
	if r.GetBool("active") {
		v.Set("active", "on")
	}
	return form.Form{Values: v, Errors: map[string]string{}}
}

// progRenderVariant renders the variant form for r (nil when adding one),
// as stored: a refused change does not show as made.
func progRenderVariant(e *core.RequestEvent, status int, r *core.Record, f form.Form, refused string) error {
	sp := adminSpeaker(e)
	p := progVariantPage{adminPage: newAdminPage(e, "program"), IsNew: r == nil, Form: f,
		Touches: progOptions(progVariantTouches(sp), f.Get("touch")), Locales: progOptions(localeOptions(sp), f.Get("locale")), Refused: refused, CanDelete: true,
		Preview: progPreviewVariant(sp, e.App, f.Values.Get("subject"), f.Values.Get("body"))}
	if r != nil {
		r = r.Original()
		var err error
		if p.Asks, err = asks.CountAsksWithVariant(e.App, r.GetString("name"), r.GetString("locale")); err != nil {
			return err
		}
		p.ID, p.Name, p.Active = r.Id, r.GetString("name"), r.GetBool("active")
		p.CanDelete = asks.CheckVariantDelete(p.Asks) == nil
	}
	return render(e, status, "admin/program_variant", p)
}

// progPreviewVariant renders a variant's subject and body as Ana Lima of
// Northwind would read them.
func progPreviewVariant(sp locale.Speaker, app core.App, subject, body string) progVariantPreviewData {
	s, _ := program.Load(app)
	incentive := ""
	if names, err := rewards.IncentiveNames(app); err == nil {
		incentive = names[s.CurrentIncentive]
	}
	vars := pages.Vars{
		People: map[string]string{"first_name": "Ana", "company": "Northwind", "incentive": incentive,
			"company_name": s.CompanyName, "sender_name": s.SenderName},
		System: map[string]string{"link": program.BaseURL(app) + "/r/example"},
	}
	html, err := pages.HTML(body, vars)
	if err != nil {
		return progVariantPreviewData{Speaker: sp, Error: sp.T("dash.program.variant.preview_failed", "Detail", err.Error())}
	}
	// goldmark leaves raw HTML out, so the rendered body is safe to show as is.
	return progVariantPreviewData{Speaker: sp, Subject: pages.Line(subject, vars), Body: template.HTML(html)}
}

// progVariantPreview answers the editor's htmx request with the preview of
// what is typed; it saves nothing.
func progVariantPreview(e *core.RequestEvent) error {
	f := form.New(e)
	return renderPartial(e, http.StatusOK, "admin/program_variant", "variant-preview",
		progPreviewVariant(adminSpeaker(e), e.App, f.Values.Get("subject"), f.Values.Get("body")))
}

// progVariantCreate adds a variant from the form.
func progVariantCreate(e *core.RequestEvent) error {
	coll, err := e.App.FindCachedCollectionByNameOrId("variants")
	if err != nil {
		return err
	}
	sp := adminSpeaker(e)
	f := form.New(e)
	progValidateVariant(sp, e.App, f, "")
	r := core.NewRecord(coll)
	progSetVariant(r, f)
	if progSaveSaying(e.App, sp, f, r, progVariantWords(sp, e.App, r)); !f.Valid() {
		return progRenderVariant(e, http.StatusUnprocessableEntity, nil, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=variants", "created")
}

// progVariantUpdate saves an edited variant; the hooks keep the name of a
// variant asks were made with, so the figures by variant stay whole.
func progVariantUpdate(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("variants", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	sp := adminSpeaker(e)
	f := form.New(e)
	progValidateVariant(sp, e.App, f, r.Id)
	progSetVariant(r, f)
	if progSaveSaying(e.App, sp, f, r, progVariantWords(sp, e.App, r)); !f.Valid() {
		return progRenderVariant(e, http.StatusUnprocessableEntity, r, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=variants", "saved")
}

// progValidateVariant checks what the form can tell alone; id is the
// variant being edited, "" for a new one. The body's link is the hooks'
// rule (asks.CheckVariantBody), as is a used variant's name.
func progValidateVariant(sp locale.Speaker, app core.App, f form.Form, id string) {
	name := f.Get("name")
	switch {
	case name == "":
		f.Fail("name", sp.T("dash.program.variant.rule.name"))
	case !progVariantName.MatchString(name):
		f.Fail("name", sp.T("dash.program.variant.rule.name_shape"))
	}
	progMaxLen(sp, f, "name", 64)
	if f.Get("locale") == "" {
		f.Values.Set("locale", locale.English) // a form without the select writes English
	}
	progOneOf(f, "locale", localeOptions(sp), sp.T("dash.program.variant.rule.locale"))
	if f.Error("name") == "" && f.Error("locale") == "" {
		if other, err := asks.FindVariantNamed(app, name, f.Get("locale")); err == nil && other.Id != id {
			f.Fail("name", sp.T("dash.program.variant.rule.name_taken", "Name", name, "Language", languageName(sp, f.Get("locale"))))
		}
	}
	progOneOf(f, "touch", progVariantTouches(sp), sp.T("dash.program.variant.rule.touch"))
	if f.Get("subject") == "" {
		f.Fail("subject", sp.T("dash.program.variant.rule.subject"))
	}
	progMaxLen(sp, f, "subject", 300)
	progMaxLen(sp, f, "body", 100000)
	progInt(sp, f, "weight", 1, 1000, true)
}

// progVariantWords are the variant rules' refusals (hooks/variants.go) in
// the reader's language, for r as the form would save it: the body needs
// the link, a name is written once per language, and a variant asks have
// recorded keeps its name and its language.
func progVariantWords(sp locale.Speaker, app core.App, r *core.Record) progRuleWords {
	recorded := func() (int, string, string) {
		from, fromLocale := r.Original().GetString("name"), r.Original().GetString("locale")
		if fromLocale == "" {
			fromLocale = locale.English
		}
		n, _ := asks.CountAsksWithVariant(app, from, fromLocale)
		return n, from, fromLocale
	}
	return func(field, code string) (string, bool) {
		switch {
		case field == "body" && code == "missing_link":
			if strings.TrimSpace(r.GetString("body")) == "" {
				return sp.T("dash.program.variant.rule.body_empty"), true
			}
			return sp.T("dash.program.variant.rule.no_link"), true
		case field == "name" && code == "name_frozen":
			n, from, _ := recorded()
			return sp.N("dash.program.variant.rule.name_frozen", n, "Name", from), true
		case field == "locale" && code == "locale_frozen":
			n, _, fromLocale := recorded()
			return sp.N("dash.program.variant.rule.locale_frozen", n, "Language", languageName(sp, fromLocale)), true
		case field == "name" && code == "validation_name_taken":
			return sp.T("dash.program.variant.rule.name_taken", "Name", r.GetString("name"), "Language", languageName(sp, r.GetString("locale"))), true
		case field == "locale" && code == "validation_locale":
			return sp.T("dash.program.variant.rule.locale"), true
		}
		return "", false
	}
}

// progSetVariant copies the form onto the record.
func progSetVariant(r *core.Record, f form.Form) {
	weight, _ := strconv.Atoi(f.Get("weight"))
	r.Set("name", f.Get("name"))
	r.Set("touch", f.Get("touch"))
	r.Set("locale", f.Get("locale"))
	r.Set("subject", f.Get("subject"))
	r.Set("body", f.Values.Get("body"))
	r.Set("weight", weight)
	r.Set("active", f.Checked("active"))
}

// progVariantSetActive switches a variant on or off (active=1 or 0).
func progVariantSetActive(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("variants", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	r.Set("active", form.New(e).Checked("active"))
	if err := e.App.Save(r); err != nil {
		sp := adminSpeaker(e)
		return progRenderVariant(e, http.StatusConflict, r, progVariantValues(r.Original()),
			progRefusalSaying(sp, err, progVariantWords(sp, e.App, r), "dash.program.change_failed"))
	}
	return redirectNotice(e, "/dashboard/program?tab=variants", "saved")
}

// progVariantDelete deletes a variant; the hooks keep one asks were made
// with (asks record its name, and emails still waiting are written from
// it), and the page says why.
func progVariantDelete(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("variants", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	if err := e.App.Delete(r); err != nil {
		return progRenderVariant(e, http.StatusConflict, r, progVariantValues(r), progVariantDeleteRefusal(e, r, err))
	}
	return redirectNotice(e, "/dashboard/program?tab=variants", "deleted")
}

// progVariantDeleteRefusal says why a variant was not deleted, in the
// reader's language: the asks made with it (the hooks' rule,
// asks.CheckVariantDelete), or what else went wrong.
func progVariantDeleteRefusal(e *core.RequestEvent, r *core.Record, err error) string {
	sp := adminSpeaker(e)
	n, cerr := asks.CountAsksWithVariant(e.App, r.Original().GetString("name"), r.Original().GetString("locale"))
	if cerr == nil && asks.CheckVariantDelete(n) != nil {
		return sp.N("dash.program.variant.refused_delete", n)
	}
	return progRefusalSaying(sp, err, nil, "dash.program.delete_failed")
}
