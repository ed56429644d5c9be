package dashboard

import (
	"net/http"
	"net/url"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"warmloop/internal/intake"
	"warmloop/internal/program"
	"warmloop/internal/schema"
	"warmloop/views/form"
	"warmloop/views/site"
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

// sourceFields are the form's fields, named as the sources collection's.
var sourceFields = []string{"name", "kind", "email_pointer", "score_pointer", "comment_pointer",
	"external_id_pointer", "time_pointer", "keep_pointer", "keep_value", "auth", "auth_header", "hmac_encoding", "secret"}

// sourceLabels are the form's labels, also naming the fields in the
// preview's list of what is missing.
var sourceLabels = map[string]string{
	"name": "Name", "kind": "Moment kind", "email_pointer": "Email", "score_pointer": "Score (0–10)", "comment_pointer": "Comment",
	"external_id_pointer": "External id", "time_pointer": "Time", "keep_pointer": "Pointer to keep by",
	"keep_value": "Expected value", "auth": "Proof", "auth_header": "Header", "hmac_encoding": "HMAC encoding", "secret": "Secret",
}

// sourceAuths are the ways a source's deliveries authenticate.
var sourceAuths = []progOption{
	{Value: intake.AuthHMAC, Label: "HMAC-SHA256 of the body in a header"},
	{Value: intake.AuthHeader, Label: "The secret in a header"},
	{Value: intake.AuthToken, Label: "?token= in the URL"},
}

// sourceEncodings are how an HMAC signature is written.
var sourceEncodings = []progOption{{Value: "hex", Label: "hex"}, {Value: "base64", Label: "base64"}}

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
	for _, r := range recs {
		row := sourceRow{ID: r.Id, Name: r.GetString("name"), Kind: r.GetString("kind"),
			URL: sourceURL(e.App, r.GetString("name"), r.GetString("auth")), Auth: sourceOptionLabel(sourceAuths, r.GetString("auth")),
			Latest: "none yet"}
		if d, ok := latest[r.Id]; ok {
			row.Latest = d.Outcome + ", " + site.WhenIn(d.At, zoneOf(e.App))
		}
		p.Rows = append(p.Rows, row)
	}
	return render(e, http.StatusOK, "admin/sources", p)
}

// sourceURL is the exact URL a tool posts a source's deliveries to.
func sourceURL(app core.App, name, auth string) string {
	u := program.BaseURL(app) + "/hooks/moments/" + url.PathEscape(name)
	if auth == intake.AuthToken {
		u += "?token=<the secret>"
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

// sourceInputs fills the form's text inputs from f.
func sourceInputs(p *sourcePage, f form.Form) {
	in := func(name, hint string) sourceInput {
		return sourceInput{Name: name, Label: sourceLabels[name], Hint: hint, Value: f.Get(name), Error: f.Error(name)}
	}
	p.NameInput = in("name", "Lower-case letters, digits and dashes, such as acme-crm: it is the source's URL and its moments' source.")
	p.HeaderInput = in("auth_header", "For a header or an HMAC: the header's name, such as X-Signature.")
	p.Pointers = []sourceInput{
		in("email_pointer", "Required."),
		in("score_pointer", "Required for nps; empty for other kinds."),
		in("comment_pointer", "Optional."),
		in("external_id_pointer", "Required: a redelivery of the same id is recorded once."),
		in("time_pointer", "Optional: RFC 3339 or Unix seconds; empty means when it arrives."),
	}
	p.Keep = []sourceInput{
		in("keep_pointer", "Such as /event."),
		in("keep_value", `Other events are answered 200 with "ignored": true.`),
	}
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
	var kinds []progOption
	for _, k := range schema.SelectValues(e.App, "moments", "kind") {
		kinds = append(kinds, progOption{Value: k, Label: k})
	}
	p := sourcePage{adminPage: newAdminPage(e, "settings"), IsNew: r == nil, Form: f, Refused: refused,
		Kinds: progOptions(kinds, f.Get("kind")), Auths: progOptions(sourceAuths, f.Get("auth")),
		Enc: progOptions(sourceEncodings, f.Get("hmac_encoding")), SamplePreview: sourcePreviewPart{Empty: true}}
	sourceInputs(&p, f)
	if r != nil {
		r = r.Original()
		p.ID, p.Name, p.HasSecret = r.Id, r.GetString("name"), r.GetString("secret") != ""
		p.URL = sourceURL(e.App, p.Name, r.GetString("auth"))
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

// sourceCreate adds a source from the form; the hook judges it.
func sourceCreate(e *core.RequestEvent) error {
	coll, err := e.App.FindCachedCollectionByNameOrId("sources")
	if err != nil {
		return err
	}
	f := form.New(e)
	r := core.NewRecord(coll)
	sourceSet(r, f)
	if progSave(e.App, f, r); !f.Valid() {
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
	if progSave(e.App, f, r); !f.Valid() {
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
		return sourceRender(e, http.StatusConflict, r, form.Form{Values: url.Values{}, Errors: map[string]string{}},
			progRefusal(err, "It could not be deleted"))
	}
	return redirectNotice(e, "/dashboard/sources", "deleted")
}

// sourcePreviewPart is what the preview shows.
type sourcePreviewPart struct {
	intake.Preview
	Problems map[string]string
	Empty    bool
}

// sourcePreview shows what the sample payload in the form would make at
// the source as the form describes it (saved or not), writing nothing.
func sourcePreview(e *core.RequestEvent) error {
	f := form.New(e)
	sample := []byte(f.Values.Get("sample"))
	if len(sample) == 0 {
		return renderPartial(e, http.StatusOK, "admin/source", "source-preview", sourcePreviewPart{Empty: true})
	}
	if len(sample) > 64<<10 {
		return renderPartial(e, http.StatusUnprocessableEntity, "admin/source", "source-preview",
			sourcePreviewPart{Problems: map[string]string{"sample": "the sample is over 64 KiB, the most a delivery may be"}})
	}
	r := core.NewRecord(core.NewBaseCollection("sources"))
	sourceSet(r, f)
	src := intake.SourceOf(r)
	src.Auth, src.Secret = intake.AuthToken, "preview" // a pasted sample is not signed
	problems := src.Problems(schema.SelectValues(e.App, "moments", "kind"))
	delete(problems, "name") // a draft may be nameless
	if len(problems) > 0 {
		labelled := make(map[string]string, len(problems))
		for field, msg := range problems {
			labelled[field] = sourceLabels[field] + ": " + msg
		}
		return renderPartial(e, http.StatusOK, "admin/source", "source-preview", sourcePreviewPart{Problems: labelled})
	}
	p, err := intake.PreviewSample(e.App, src, sample, time.Now())
	if err != nil {
		return err
	}
	return renderPartial(e, http.StatusOK, "admin/source", "source-preview", sourcePreviewPart{Preview: p})
}
