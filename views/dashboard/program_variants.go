package dashboard

import (
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/views/form"
)

// progVariantTouches are the asks a variant words: the first one, fired by a
// happy moment, or a follow-up from the cadence.
var progVariantTouches = []progOption{
	{Value: "first", Label: "First ask (fired by a happy moment)"},
	{Value: "followup", Label: "Follow-up (a cadence touch)"},
}

// progVariantName is the shape of a variant's name, as the schema has it.
var progVariantName = regexp.MustCompile(`^[a-z0-9_-]+$`)

// progVariantLinkVar finds the {{link}} variable, the ask's one call to action.
var progVariantLinkVar = regexp.MustCompile(`\{\{\s*link\s*\}\}`)

// progVariantRow is one message variant in the list.
type progVariantRow struct {
	ID, Name, Touch, Subject, Share string
	Weight, Asks                    int
	Active                          bool
}

// progVariantRows lists the variants by touch and name, each with its share of
// its touch's asks (by weight among the active ones) and how many asks used
// it; and names the touches no active variant covers.
func progVariantRows(app core.App) ([]progVariantRow, []string, error) {
	recs, err := app.FindRecordsByFilter("variants", "", "touch,name", 0, 0)
	if err != nil {
		return nil, nil, err
	}
	asks, err := progGroupCounts(app, "SELECT variant AS key, COUNT(*) AS n FROM asks WHERE variant != '' GROUP BY variant")
	if err != nil {
		return nil, nil, err
	}
	total := map[string]int{}
	for _, r := range recs {
		if r.GetBool("active") {
			total[r.GetString("touch")] += r.GetInt("weight")
		}
	}
	rows := make([]progVariantRow, len(recs))
	for i, r := range recs {
		row := progVariantRow{ID: r.Id, Name: r.GetString("name"), Touch: progVariantTouchLabel(r.GetString("touch")),
			Subject: r.GetString("subject"), Weight: r.GetInt("weight"), Active: r.GetBool("active"),
			Asks: asks[r.GetString("name")], Share: "–"}
		if t := total[r.GetString("touch")]; row.Active && t > 0 {
			row.Share = strconv.Itoa((100*row.Weight+t/2)/t) + "%"
		}
		rows[i] = row
	}
	var uncovered []string
	for _, t := range progVariantTouches {
		if total[t.Value] == 0 {
			uncovered = append(uncovered, progVariantTouchLabel(t.Value))
		}
	}
	return rows, uncovered, nil
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
	f := form.Form{Values: url.Values{"touch": {"first"}, "weight": {"1"}, "active": {"on"},
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
		"name": {r.GetString("name")}, "touch": {r.GetString("touch")}, "subject": {r.GetString("subject")},
		"body": {r.GetString("body")}, "weight": {strconv.Itoa(r.GetInt("weight"))},
	}
	if r.GetBool("active") {
		v.Set("active", "on")
	}
	return form.Form{Values: v, Errors: map[string]string{}}
}

// progRenderVariant renders the variant form for r (nil when adding one).
func progRenderVariant(e *core.RequestEvent, status int, r *core.Record, f form.Form, refused string) error {
	p := progVariantPage{adminPage: newAdminPage(e, "program"), IsNew: r == nil, Form: f,
		Touches: progOptions(progVariantTouches, f.Get("touch")), Refused: refused, CanDelete: true,
		Preview: progPreviewVariant(e.App, f.Values.Get("subject"), f.Values.Get("body"))}
	if r != nil {
		p.ID, p.Name, p.Active = r.Id, r.GetString("name"), r.GetBool("active")
		p.Asks = progVariantAsks(e.App, r.GetString("name"))
		p.CanDelete = p.Asks == 0
		p.AsksText = progPlural(p.Asks, "ask", "asks")
	}
	return render(e, status, "admin/program_variant", p)
}

// progVariantAsks counts the asks that recorded a variant's name.
func progVariantAsks(app core.App, name string) int {
	return progCount(app, "SELECT COUNT(*) FROM asks WHERE variant = {:name}", dbx.Params{"name": name})
}

// progPreviewVariant renders a variant's subject and body as Ana Lima of
// Northwind would read them.
func progPreviewVariant(app core.App, subject, body string) progVariantPreviewData {
	s, _ := program.Load(app)
	incentive := ""
	if names, err := progIncentiveNames(app); err == nil {
		incentive = names[s.CurrentIncentive]
	}
	vars := pages.Vars{
		People: map[string]string{"first_name": "Ana", "company": "Northwind", "incentive": incentive,
			"company_name": s.CompanyName, "sender_name": s.SenderName},
		System: map[string]string{"link": strings.TrimRight(app.Settings().Meta.AppURL, "/") + "/r/example"},
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
	f := form.New(e)
	progValidateVariant(e.App, f, nil)
	if !f.Valid() {
		return progRenderVariant(e, http.StatusUnprocessableEntity, nil, f, "")
	}
	coll, err := e.App.FindCachedCollectionByNameOrId("variants")
	if err != nil {
		return err
	}
	r := core.NewRecord(coll)
	progSetVariant(r, f)
	if err := e.App.Save(r); err != nil {
		progSaveError(f, err)
		return progRenderVariant(e, http.StatusUnprocessableEntity, nil, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=variants", "created")
}

// progVariantUpdate saves an edited variant.
func progVariantUpdate(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("variants", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	f := form.New(e)
	progValidateVariant(e.App, f, r)
	if !f.Valid() {
		return progRenderVariant(e, http.StatusUnprocessableEntity, r, f, "")
	}
	progSetVariant(r, f)
	if err := e.App.Save(r); err != nil {
		progSaveError(f, err)
		return progRenderVariant(e, http.StatusUnprocessableEntity, r, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=variants", "saved")
}

// progValidateVariant checks a variant form; r is the stored one when editing.
// A name asks have recorded is kept, so the figures by variant stay whole.
func progValidateVariant(app core.App, f form.Form, r *core.Record) {
	name := f.Get("name")
	switch {
	case name == "":
		f.Fail("name", "Give the variant a short name, such as “short” or “case-study”: asks record it, and the overview compares variants by it.")
	case !progVariantName.MatchString(name):
		f.Fail("name", "Use lowercase letters, digits, - and _ only, such as “short-v2”.")
	}
	progMaxLen(f, "name", 64)
	if f.Error("name") == "" {
		if r != nil && name != r.GetString("name") {
			if n := progVariantAsks(app, r.GetString("name")); n > 0 {
				f.Fail("name", progPlural(n, "ask", "asks")+" already recorded the name “"+r.GetString("name")+"”; renaming it would split its figures. Keep the name, or add a new variant instead.")
			}
		}
		if other, err := app.FindFirstRecordByData("variants", "name", name); err == nil && (r == nil || other.Id != r.Id) {
			f.Fail("name", "Another variant is already called “"+name+"”. Choose another name.")
		}
	}
	progOneOf(f, "touch", progVariantTouches, "Choose whether this wording is for the first ask or a follow-up.")
	if f.Get("subject") == "" {
		f.Fail("subject", "Write the email's subject line.")
	}
	progMaxLen(f, "subject", 300)
	switch body := f.Get("body"); {
	case body == "":
		f.Fail("body", "Write the email. It needs the link {{link}}, the one thing the customer clicks.")
	case !progVariantLinkVar.MatchString(body):
		f.Fail("body", "Put the ask's link in the email, as [Introduce someone]({{link}}): without it the customer has nothing to click.")
	}
	progMaxLen(f, "body", 100000)
	progInt(f, "weight", 1, 1000, true)
}

// progSetVariant copies a valid form onto the record.
func progSetVariant(r *core.Record, f form.Form) {
	weight, _ := strconv.Atoi(f.Get("weight"))
	r.Set("name", f.Get("name"))
	r.Set("touch", f.Get("touch"))
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
		return progRenderVariant(e, http.StatusConflict, r, progVariantValues(r), "It could not be changed: "+sentence(err.Error()))
	}
	return redirectNotice(e, "/dashboard/program?tab=variants", "saved")
}

// progVariantDelete deletes a variant no ask used; a used one is kept (asks
// record its name, and emails still waiting are written from it).
func progVariantDelete(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("variants", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	if n := progVariantAsks(e.App, r.GetString("name")); n > 0 {
		return progRenderVariant(e, http.StatusConflict, r, progVariantValues(r),
			"This variant cannot be deleted: "+progPlural(n, "ask was", "asks were")+" made with it. The overview compares variants by their asks, and an ask still waiting in the outbox is written from it. Deactivate it instead: no new ask gets it, and its history stays.")
	}
	if err := e.App.Delete(r); err != nil {
		return progRenderVariant(e, http.StatusConflict, r, progVariantValues(r), "It could not be deleted: "+sentence(err.Error()))
	}
	return redirectNotice(e, "/dashboard/program?tab=variants", "deleted")
}
