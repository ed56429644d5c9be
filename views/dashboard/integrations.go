package dashboard

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/internal/locale"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/views/form"
)

// intSources are the systems of record and CRMs the Integrations screen
// connects: the addresses each one's webhook goes to, where its key is
// found in the tool, and what each delivery does in Warmloop.
func intSources(sp locale.Speaker) []intSource {
	return []intSource{
		{Title: "Zendesk", What: sp.T("dash.integrations.zendesk.what"),
			Hooks:   []intHook{{Path: "/hooks/moments/zendesk", Label: sp.T("dash.integrations.zendesk.url")}},
			Inboxes: []intInbox{{Provider: "zendesk", Path: "/hooks/moments/zendesk"}},
			Key: settSecret{Name: "zendesk_secret", Label: sp.T("dash.integrations.zendesk.key"),
				Hint: sp.T("dash.integrations.zendesk.key_hint")}},
		{Title: "HubSpot", What: sp.T("dash.integrations.hubspot.what"),
			Hooks: []intHook{
				{Path: "/hooks/moments/hubspot?kind=renewal", Label: sp.T("dash.integrations.hubspot.renewal")},
				{Path: "/hooks/moments/hubspot?kind=first_outcome", Label: sp.T("dash.integrations.hubspot.first_outcome")},
				{Path: "/hooks/crm/hubspot", Label: sp.T("dash.integrations.hubspot.moves")}},
			Inboxes: []intInbox{{Provider: "hubspot", Path: "/hooks/moments/hubspot"}, {Provider: "crm/hubspot", Path: "/hooks/crm/hubspot"}},
			Key: settSecret{Name: "hubspot_secret", Label: sp.T("dash.integrations.hubspot.key"),
				Hint: sp.T("dash.integrations.hubspot.key_hint")}},
		{Title: "Stripe", What: sp.T("dash.integrations.stripe.what"),
			Hooks:   []intHook{{Path: "/hooks/moments/stripe", Label: sp.T("dash.integrations.stripe.url")}},
			Inboxes: []intInbox{{Provider: "stripe", Path: "/hooks/moments/stripe"}},
			Key: settSecret{Name: "stripe_secret", Label: sp.T("dash.integrations.stripe.key"),
				Hint: sp.T("dash.integrations.stripe.key_hint")}},
		{Title: sp.T("dash.integrations.crm.title"), What: sp.T("dash.integrations.crm.what"),
			Hooks:   []intHook{{Path: "/hooks/crm/generic", Label: sp.T("dash.integrations.crm.url")}},
			Inboxes: []intInbox{{Provider: "crm/generic", Path: "/hooks/crm/generic"}},
			Key: settSecret{Name: "crm_secret", Label: sp.T("dash.integrations.crm.key"),
				Hint: sp.T("dash.integrations.crm.key_hint")}},
	}
}

// intOutcome names a delivery's outcome for the reader.
func intOutcome(sp locale.Speaker, outcome string) string {
	switch outcome {
	case intake.OutcomeAccepted:
		return sp.T("dash.integrations.outcome.accepted")
	case intake.OutcomeDuplicate:
		return sp.T("dash.integrations.outcome.duplicate")
	case intake.OutcomeIgnored:
		return sp.T("dash.integrations.outcome.ignored")
	case intake.OutcomeRefused:
		return sp.T("dash.integrations.outcome.refused")
	}
	return outcome
}

// intSource is one tool on the Integrations screen.
type intSource struct {
	Title, What string
	Hooks       []intHook
	Key         settSecret
	Inboxes     []intInbox
}

// intInbox is one built-in webhook's deliveries log: the provider it is
// kept under, the path it arrives at, and its newest deliveries.
type intInbox struct {
	Provider, Path string
	Deliveries     []intake.Delivery
}

// intHook is one address to paste into a tool: its full URL on the base.
type intHook struct {
	ID, Path, Label, URL string
}

// intPage is the Integrations screen: each tool's addresses and key, and
// the CRM stage map.
type intPage struct {
	adminPage
	Form    form.Form
	Sources []intSource
}

// intShow shows the Integrations screen filled from the settings record.
func intShow(e *core.RequestEvent) error {
	r, err := program.Record(e.App)
	if err != nil {
		return err
	}
	f := form.Form{Values: url.Values{"crm_stages": {r.GetString("crm_stages")}}, Errors: map[string]string{}}
	return intRender(e, http.StatusOK, r, f)
}

// intRender renders the screen with the form f.
func intRender(e *core.RequestEvent, status int, r *core.Record, f form.Form) error {
	base := program.BaseURL(e.App)
	p := intPage{adminPage: newAdminPage(e, "settings"), Form: f}
	sayFormErrors(p.Speaker, f)
	for _, src := range intSources(p.Speaker) {
		src.Key = settSecretOf(p.Speaker, src.Key, r, f)
		hooks := make([]intHook, len(src.Hooks))
		for i, h := range src.Hooks {
			h.ID, h.URL = src.Key.Name+"-url-"+string(rune('a'+i)), base+h.Path
			hooks[i] = h
		}
		src.Hooks = hooks
		inboxes := make([]intInbox, len(src.Inboxes))
		for i, in := range src.Inboxes {
			var err error
			if in.Deliveries, err = intake.Deliveries(e.App, intake.ProviderInbox(in.Provider)); err != nil {
				return err
			}
			inboxes[i] = in
		}
		src.Inboxes = inboxes
		p.Sources = append(p.Sources, src)
	}
	return render(e, status, "admin/integrations", p)
}

// intSave checks the typed keys and the stage map and saves them on the
// settings record through app.Save, so the settings hook judges them as
// it judges every other way in.
func intSave(e *core.RequestEvent) error {
	r, err := program.Record(e.App)
	if err != nil {
		return err
	}
	f := form.New(e)
	changes := map[string]program.SecretChange{}
	for _, name := range program.IntegrationSecrets {
		changes[name] = program.SecretChange{New: f.Get(name), Clear: f.Checked(name + "_clear")}
	}
	for field, message := range program.CheckIntegrationSecrets(changes) {
		f.Fail(field, message)
	}
	// A browser posts a textarea's lines with CRLF; the map keeps LF.
	stages := strings.ReplaceAll(f.Values.Get("crm_stages"), "\r\n", "\n")
	if _, err := referrals.ParseStages(stages); err != nil {
		f.Fail("crm_stages", err.Error())
	}
	if !f.Valid() {
		return intRender(e, http.StatusUnprocessableEntity, r, f)
	}
	program.ApplyIntegrationSecrets(r, changes)
	r.Set("crm_stages", stages)
	if err := e.App.Save(r); err != nil {
		progSaveError(f, err)
		fresh, ferr := program.Record(e.App)
		if ferr != nil {
			return ferr
		}
		return intRender(e, http.StatusUnprocessableEntity, fresh, f)
	}
	return redirectNotice(e, "/dashboard/integrations", "saved")
}

// OutcomeName names a delivery's outcome in the reader's language.
func (p intPage) OutcomeName(outcome string) string { return intOutcome(p.Speaker, outcome) }
