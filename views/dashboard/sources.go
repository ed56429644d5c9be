package dashboard

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"warmloop/internal/intake"
	"warmloop/internal/locale"
	"warmloop/internal/program"
	"warmloop/internal/schema"
	"warmloop/views/form"
)

// bindSources serves the mapped sources: the list, adding, editing and
// deleting one with its last deliveries, and previewing a sample payload.
func bindSources(g *router.RouterGroup[*core.RequestEvent]) {
	g.GET("", sourceList)
	g.GET("/new", sourceNewForm)
	g.POST("/new", sourceCreate)
	g.POST("/preview", sourcePreview)
	g.GET("/{id}", sourceEditForm)
	g.POST("/{id}", sourceUpdate)
	g.POST("/{id}/delete", sourceDelete)
}

// sourceFields are the form's fields, named as the sources collection's;
// each is labelled dash.source.field.<name> in the catalog.
var sourceFields = []string{"name", "kind", "email_pointer", "score_pointer", "comment_pointer",
	"external_id_pointer", "time_pointer", "locale_pointer", "keep_pointer", "keep_value", "auth", "auth_header", "hmac_encoding", "secret"}

// sourceLabel names a field of the form in the reader's language, also in
// the preview's list of what is missing.
func sourceLabel(sp locale.Speaker, field string) string {
	return sp.T("dash.source.field." + field)
}

// sourceAuthValues are the ways a source's deliveries authenticate, in the
// order the form offers them; each is named dash.source.auth.<value>.
var sourceAuthValues = []string{intake.AuthHMAC, intake.AuthHeader, intake.AuthToken}

// sourceAuths are the ways to authenticate as the reader's options.
func sourceAuths(sp locale.Speaker) []progOption {
	opts := make([]progOption, len(sourceAuthValues))
	for i, v := range sourceAuthValues {
		opts[i] = progOption{Value: v, Label: sp.T("dash.source.auth." + v)}
	}
	return opts
}

// sourceEncodings are how an HMAC signature is written.
var sourceEncodings = []progOption{{Value: "hex", Label: "hex"}, {Value: "base64", Label: "base64"}}

// sourceProblemText is what a source's rule refused, in the reader's
// language (dash.source.err.<code>, with the problem's values); a problem
// the catalog does not name keeps the rule's English sentence.
func sourceProblemText(sp locale.Speaker, p intake.Problem) string {
	key := "dash.source.err." + p.Code
	data := make(map[string]any, len(p.Values))
	for k, v := range p.Values {
		data[k] = v
	}
	if text := sp.T(key, data); text != key {
		return text
	}
	return form.Sentence(p.Message)
}

// sourceRow is one source in the list.
type sourceRow struct {
	ID, Name, Kind, URL, Auth, Latest string
}

// sourceListPage is the list of mapped sources.
type sourceListPage struct {
	adminPage
	Rows []sourceRow
}

// sourceList lists the sources with their URLs and latest delivery.
func sourceList(e *core.RequestEvent) error {
	recs, err := e.App.FindRecordsByFilter("sources", "", "name", 0, 0)
	if err != nil {
		return err
	}
	latest, err := intake.LatestOutcomes(e.App)
	if err != nil {
		return err
	}
	p := sourceListPage{adminPage: newAdminPage(e, "settings")}
	sp := p.Speaker
	for _, r := range recs {
		row := sourceRow{ID: r.Id, Name: r.GetString("name"), Kind: customerLabel(sp, r.GetString("kind")),
			URL: sourceURL(e.App, sp, r.GetString("name"), r.GetString("auth")), Auth: sourceOptionLabel(sourceAuths(sp), r.GetString("auth")),
			Latest: sp.T("dash.sources.none_yet")}
		if d, ok := latest[r.Id]; ok {
			row.Latest = sp.T("dash.sources.latest", "Outcome", intOutcome(sp, d.Outcome), "When", p.When(d.At))
		}
		p.Rows = append(p.Rows, row)
	}
	return render(e, http.StatusOK, "admin/sources", p)
}

// sourceURL is the exact URL a tool posts a source's deliveries to, the
// secret's place named in the reader's language.
func sourceURL(app core.App, sp locale.Speaker, name, auth string) string {
	u := program.BaseURL(app) + "/hooks/moments/" + url.PathEscape(name)
	if auth == intake.AuthToken {
		u += "?token=<" + sp.T("dash.sources.the_secret") + ">"
	}
	return u
}

// sourceOptionLabel is the label of the option with value v.
func sourceOptionLabel(opts []progOption, v string) string {
	for _, o := range opts {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

// sourcePage is the form that adds or edits a source, with its deliveries.
type sourcePage struct {
	adminPage
	IsNew             bool
	ID, Name, URL     string
	HasSecret         bool
	Form              form.Form
	Kinds, Auths, Enc []progOption
	Deliveries        []intake.Delivery
	Refused           string
	// The text inputs, each with its label, hint and error.
	NameInput, HeaderInput sourceInput
	Pointers, Keep         []sourceInput
	SamplePreview          sourcePreviewPart
}

// sourceInput is one text input of the source form.
type sourceInput struct {
	Name, Label, Hint, Value, Error string
}

// sourceInputs fills the form's text inputs from f, each with its label
// and hint in the reader's language (dash.source.field.<name>,
// dash.source.hint.<name>).
func sourceInputs(p *sourcePage, f form.Form) {
	in := func(name string) sourceInput {
		return sourceInput{Name: name, Label: sourceLabel(p.Speaker, name), Hint: p.T("dash.source.hint." + name), Value: f.Get(name), Error: f.Error(name)}
	}
	p.NameInput = in("name")
	p.HeaderInput = in("auth_header")
	p.Pointers = []sourceInput{in("email_pointer"), in("score_pointer"), in("comment_pointer"),
		in("external_id_pointer"), in("time_pointer"), in("locale_pointer")}
	p.Keep = []sourceInput{in("keep_pointer"), in("keep_value")}
}

// sourceNewForm shows an empty source form.
func sourceNewForm(e *core.RequestEvent) error {
	f := form.Form{Values: url.Values{"kind": {"nps"}, "auth": {intake.AuthHMAC}, "hmac_encoding": {"hex"}}, Errors: map[string]string{}}
	return sourceRender(e, http.StatusOK, nil, f, "")
}

// sourceEditForm shows a source's form, filled in (the secret never is).
func sourceEditForm(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("sources", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	f := form.Form{Values: url.Values{}, Errors: map[string]string{}}
	for _, name := range sourceFields {
		if name != "secret" {
			f.Values.Set(name, r.GetString(name))
		}
	}
	return sourceRender(e, http.StatusOK, r, f, "")
}

// sourceRender renders the source form for r (nil when adding one).
func sourceRender(e *core.RequestEvent, status int, r *core.Record, f form.Form, refused string) error {
	page := newAdminPage(e, "settings")
	sp := page.Speaker
	var kinds []progOption
	for _, k := range schema.SelectValues(e.App, "moments", "kind") {
		kinds = append(kinds, progOption{Value: k, Label: customerLabel(sp, k)})
	}
	p := sourcePage{adminPage: page, IsNew: r == nil, Form: f, Refused: refused,
		Kinds: progOptions(kinds, f.Get("kind")), Auths: progOptions(sourceAuths(sp), f.Get("auth")),
		Enc: progOptions(sourceEncodings, f.Get("hmac_encoding")), SamplePreview: sourcePreviewPart{adminPage: page, Empty: true}}
	sourceInputs(&p, f)
	if r != nil {
		r = r.Original()
		p.ID, p.Name, p.HasSecret = r.Id, r.GetString("name"), r.GetString("secret") != ""
		p.URL = sourceURL(e.App, sp, p.Name, r.GetString("auth"))
		var err error
		if p.Deliveries, err = intake.Deliveries(e.App, intake.SourceOf(r).Inbox()); err != nil {
			return err
		}
	}
	return render(e, status, "admin/source", p)
}

// sourceSet copies the form onto the record; an empty secret keeps the
// stored one.
func sourceSet(r *core.Record, f form.Form) {
	for _, name := range sourceFields {
		if name == "secret" && f.Get(name) == "" {
			continue
		}
		r.Set(name, f.Get(name))
	}
	if f.Get("auth") != intake.AuthHMAC {
		r.Set("hmac_encoding", "")
	}
	if f.Get("auth") == intake.AuthToken {
		r.Set("auth_header", "")
	}
}

// sourceSave saves the source once its rules pass, every refusal beside
// its field in the reader's language: the source's own rules
// (intake.Source.Check, which the hook applies to every path) and a rename
// the hook refuses are judged first, so they are said by code; the
// name's uniqueness is the index's to say on save.
func sourceSave(e *core.RequestEvent, f form.Form, r *core.Record) {
	sp := adminSpeaker(e)
	for field, p := range intake.SourceOf(r).Check(schema.SelectValues(e.App, "moments", "kind")) {
		f.Fail(field, sourceProblemText(sp, p))
	}
	if from, to := r.Original().GetString("name"), r.GetString("name"); !r.IsNew() && f.Error("name") == "" {
		n, err := intake.CountSourceMoments(e.App, from)
		var p intake.Problem
		if err == nil && errors.As(intake.CheckSourceRename(from, to, n), &p) {
			f.Fail("name", sourceProblemText(sp, p))
		}
	}
	if f.Valid() {
		err := e.App.Save(r)
		if err == nil {
			return
		}
		var ve validation.Errors
		if errors.As(err, &ve) {
			if fe, ok := ve["name"].(validation.Error); ok && fe.Code() == "validation_not_unique" {
				f.Fail("name", sp.T("dash.source.err.name_taken"))
			}
		}
		if !f.FailFromSave(err, sourceFields, "_form") {
			f.Fail("_form", sp.T("dash.source.err.not_saved", "Detail", form.Sentence(err.Error())))
			return
		}
	}
	f.Fail("_form", sp.T("dash.source.err.fix_fields"))
}

// sourceCreate adds a source from the form; the hook judges it.
func sourceCreate(e *core.RequestEvent) error {
	coll, err := e.App.FindCachedCollectionByNameOrId("sources")
	if err != nil {
		return err
	}
	f := form.New(e)
	r := core.NewRecord(coll)
	sourceSet(r, f)
	if sourceSave(e, f, r); !f.Valid() {
		return sourceRender(e, http.StatusUnprocessableEntity, nil, f, "")
	}
	return redirectNotice(e, "/dashboard/sources/"+r.Id, "created")
}

// sourceUpdate saves an edited source.
func sourceUpdate(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("sources", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	f := form.New(e)
	sourceSet(r, f)
	if sourceSave(e, f, r); !f.Valid() {
		return sourceRender(e, http.StatusUnprocessableEntity, r, f, "")
	}
	return redirectNotice(e, "/dashboard/sources/"+r.Id, "saved")
}

// sourceDelete deletes a source and its deliveries; moments it made stay.
func sourceDelete(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("sources", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	if err := e.App.Delete(r); err != nil {
		e.App.Logger().Error("deleting a source failed", "source", r.Id, "error", err)
		return sourceRender(e, http.StatusConflict, r, form.Form{Values: url.Values{}, Errors: map[string]string{}},
			adminSpeaker(e).T("dash.source.err.not_deleted"))
	}
	return redirectNotice(e, "/dashboard/sources", "deleted")
}

// sourcePreviewPart is what the preview shows, in the reader's language
// and the program's zone.
type sourcePreviewPart struct {
	adminPage
	intake.Preview
	Problems map[string]string
	Empty    bool
	// Decision is what the ask rule would decide, said for a person;
	// Language is the language the customer would be given, "" for none.
	Decision, Language string
}

// sourcePreview shows what the sample payload in the form would make at
// the source as the form describes it (saved or not), writing nothing.
func sourcePreview(e *core.RequestEvent) error {
	f := form.New(e)
	part := sourcePreviewPart{adminPage: newAdminPage(e, "settings")}
	sp := part.Speaker
	sample := []byte(f.Values.Get("sample"))
	if len(sample) == 0 {
		part.Empty = true
		return renderPartial(e, http.StatusOK, "admin/source", "source-preview", part)
	}
	if len(sample) > 64<<10 {
		part.Problems = map[string]string{"sample": sp.T("dash.source.err.sample_large")}
		return renderPartial(e, http.StatusUnprocessableEntity, "admin/source", "source-preview", part)
	}
	r := core.NewRecord(core.NewBaseCollection("sources"))
	sourceSet(r, f)
	src := intake.SourceOf(r)
	src.Auth, src.Secret = intake.AuthToken, "preview" // a pasted sample is not signed
	problems := src.Check(schema.SelectValues(e.App, "moments", "kind"))
	delete(problems, "name") // a draft may be nameless
	if len(problems) > 0 {
		part.Problems = make(map[string]string, len(problems))
		for field, p := range problems {
			part.Problems[field] = sp.T("dash.source.preview.problem", "Field", sourceLabel(sp, field), "Problem", sourceProblemText(sp, p))
		}
		return renderPartial(e, http.StatusOK, "admin/source", "source-preview", part)
	}
	p, err := intake.PreviewSample(e.App, src, sample, time.Now())
	if err != nil {
		return err
	}
	part.Preview = p
	if p.Problem == nil && p.Ignored == "" {
		part.Decision = sourceDecision(sp, p.Decision)
		if tag, ok := locale.Normalize(p.Moment.Locale); ok {
			part.Language = customerLocaleName(tag)
		}
	}
	return renderPartial(e, http.StatusOK, "admin/source", "source-preview", part)
}

// sourceDecisions are the ask rule's decisions the preview says in words
// (dash.source.decision.<decision>).
var sourceDecisions = []string{"asked", "below_threshold", "cooldown", "opted_out", "open_ask"}

// sourceDecision says what the ask rule would decide, in the reader's
// language; a decision the catalog does not name is shown as it is.
func sourceDecision(sp locale.Speaker, d string) string {
	if slices.Contains(sourceDecisions, d) {
		return sp.T("dash.source.decision." + d)
	}
	return d
}

// OutcomeName names a delivery's outcome for the reader.
func (p sourcePage) OutcomeName(outcome string) string { return intOutcome(p.Speaker, outcome) }

// KindName names a moment's kind for the reader.
func (p sourcePreviewPart) KindName(kind string) string { return customerLabel(p.Speaker, kind) }
