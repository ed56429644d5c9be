package dashboard

import (
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/locale"
	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/internal/rewards"
	"warmloop/views/form"
)

// progVariantTouches are the asks a variant words: the first one, fired by a
// happy moment, or a follow-up from the cadence.
var progVariantTouches = []progOption{
	{Value: "first", Label: "First ask (fired by a happy moment)"},
	{Value: "followup", Label: "Follow-up (a cadence touch)"},
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
func progVariantRows(app core.App) ([]progVariantRow, []string, error) {
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
		rows[i] = progVariantRow{ID: r.Id, Name: r.GetString("name"), Touch: progVariantTouchLabel(r.GetString("touch")),
			Subject: r.GetString("subject"), Weight: r.GetInt("weight"), Active: r.GetBool("active"),
			Locale: r.GetString("locale"), LocaleName: locale.Name(r.GetString("locale")),
			Asks: used[asks.VariantKey{Name: r.GetString("name"), Locale: r.GetString("locale")}], Share: "–"}
		if share, ok := shares[r.Id]; ok {
			rows[i].Share = strconv.Itoa(share) + "%"
		}
	}
	labels := make([]string, len(uncovered))
	for i, t := range uncovered {
		labels[i] = progVariantTouchLabel(t)
	}
	return rows, labels, nil
}

// progVariantTouchLabel is the short name of a touch for lists.
func progVariantTouchLabel(touch string) string {
	if touch == "followup" {
		return "Follow-up"
	}
	return "First ask"
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
	AsksText  string
	CanDelete bool
	Refused   string
	Preview   progVariantPreviewData
}

// progVariantPreviewData is the email as a customer would read it, with
// example values for the variables.
type progVariantPreviewData struct {
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
	p := progVariantPage{adminPage: newAdminPage(e, "program"), IsNew: r == nil, Form: f,
		Touches: progOptions(progVariantTouches, f.Get("touch")), Locales: progOptions(localeOptions(adminSpeaker(e)), f.Get("locale")), Refused: refused, CanDelete: true,
		Preview: progPreviewVariant(e.App, f.Values.Get("subject"), f.Values.Get("body"))}
	if r != nil {
		r = r.Original()
		var err error
		if p.Asks, err = asks.CountAsksWithVariant(e.App, r.GetString("name"), r.GetString("locale")); err != nil {
			return err
		}
		p.ID, p.Name, p.Active = r.Id, r.GetString("name"), r.GetBool("active")
		p.CanDelete = asks.CheckVariantDelete(p.Asks) == nil
		p.AsksText = progPlural(p.Asks, "ask", "asks")
	}
	return render(e, status, "admin/program_variant", p)
}

// progPreviewVariant renders a variant's subject and body as Ana Lima of
// Northwind would read them.
func progPreviewVariant(app core.App, subject, body string) progVariantPreviewData {
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
		return progVariantPreviewData{Error: "The preview could not be drawn: " + err.Error()}
	}
	// goldmark leaves raw HTML out, so the rendered body is safe to show as is.
	return progVariantPreviewData{Subject: pages.Line(subject, vars), Body: template.HTML(html)}
}

// progVariantPreview answers the editor's htmx request with the preview of
// what is typed; it saves nothing.
func progVariantPreview(e *core.RequestEvent) error {
	f := form.New(e)
	return renderPartial(e, http.StatusOK, "admin/program_variant", "variant-preview",
		progPreviewVariant(e.App, f.Values.Get("subject"), f.Values.Get("body")))
}

// progVariantCreate adds a variant from the form.
func progVariantCreate(e *core.RequestEvent) error {
	coll, err := e.App.FindCachedCollectionByNameOrId("variants")
	if err != nil {
		return err
	}
	f := form.New(e)
	progValidateVariant(e.App, f, "")
	r := core.NewRecord(coll)
	progSetVariant(r, f)
	if progSave(e.App, f, r); !f.Valid() {
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
	f := form.New(e)
	progValidateVariant(e.App, f, r.Id)
	progSetVariant(r, f)
	if progSave(e.App, f, r); !f.Valid() {
		return progRenderVariant(e, http.StatusUnprocessableEntity, r, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=variants", "saved")
}

// progValidateVariant checks what the form can tell alone; id is the
// variant being edited, "" for a new one. The body's link is the hooks'
// rule (asks.CheckVariantBody), as is a used variant's name.
func progValidateVariant(app core.App, f form.Form, id string) {
	name := f.Get("name")
	switch {
	case name == "":
		f.Fail("name", "Give the variant a short name, such as “short” or “case-study”: asks record it, and the overview compares variants by it.")
	case !progVariantName.MatchString(name):
		f.Fail("name", "Use lowercase letters, digits, - and _ only, such as “short-v2”.")
	}
	progMaxLen(f, "name", 64)
	if f.Error("name") == "" {
	}
	if f.Get("locale") == "" {
		f.Values.Set("locale", locale.English) // a form without the select writes English
	}
	progOneOf(f, "locale", localeOptions(locale.For(locale.English)), "Choose the language this wording is written in.")
	if f.Error("name") == "" && f.Error("locale") == "" {
		if other, err := asks.FindVariantNamed(app, name, f.Get("locale")); err == nil && other.Id != id {
			f.Fail("name", "Another variant is already called “"+name+"” in "+locale.Name(f.Get("locale"))+". Choose another name, or another language.")
		}
	}
	progOneOf(f, "touch", progVariantTouches, "Choose whether this wording is for the first ask or a follow-up.")
	if f.Get("subject") == "" {
		f.Fail("subject", "Write the email's subject line.")
	}
	progMaxLen(f, "subject", 300)
	progMaxLen(f, "body", 100000)
	progInt(f, "weight", 1, 1000, true)
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
		return progRenderVariant(e, http.StatusConflict, r, progVariantValues(r.Original()), progRefusal(err, "It could not be changed"))
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
		return progRenderVariant(e, http.StatusConflict, r, progVariantValues(r), progRefusal(err, "It could not be deleted"))
	}
	return redirectNotice(e, "/dashboard/program?tab=variants", "deleted")
}
