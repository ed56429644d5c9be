package webhooks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/intake"
	"warmloop/tests/webtest"
)

// providerLog is the deliveries log of a built-in webhook, newest first.
func providerLog(t *testing.T, app *tests.TestApp, provider string) []intake.Delivery {
	t.Helper()
	got, err := intake.Deliveries(app, intake.ProviderInbox(provider))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestAnIllegalDealMoveIsRefusedAndLoggedWithItsReason(t *testing.T) {
	app, base := referralServer(t)
	r := webtest.MustReferral(t, app)
	r.Set("status", "lost")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	body := `{"hs_object_id":"4242","dealstage":"closedwon","amount":"24000","email":"jo@fabrikam.example"}`
	if status, answer := deliverSigned(t, base+"/hooks/crm/hubspot", body, hubspotSigned, time.Now()); status != http.StatusConflict {
		t.Fatalf("answered %d %s; want 409", status, answer)
	}
	log := providerLog(t, app, "crm/hubspot")
	if len(log) != 1 {
		t.Fatalf("the crm/hubspot log holds %d deliveries; want the refused one", len(log))
	}
	d := log[0]
	if d.Outcome != intake.OutcomeRefused || d.Status != http.StatusConflict || d.Referral != r.Id ||
		!strings.Contains(d.Reason, "final") || !strings.Contains(d.Reason, "lost → won") {
		t.Errorf("logged %+v; want refused, 409, the referral %s and why lost → won is refused", d, r.Id)
	}
	if strings.Contains(d.Body, "jo@") || !strings.Contains(d.Body, "•••@fabrikam.example") {
		t.Errorf("logged body %s; want the email's local part masked", d.Body)
	}
	if n := len(providerLog(t, app, "hubspot")); n != 0 {
		t.Errorf("the hubspot moments log holds %d; want the CRM's delivery only under crm/hubspot", n)
	}
}

func TestAStaleStripeSignatureIsLoggedAsRefusedWithNothingElseWritten(t *testing.T) {
	app, base := keyedServer(t)
	cycle := providerFixture(t, "stripe_invoice_paid_cycle.json")
	tables := []string{"customers", "moments", "asks", "outbox"}
	before := map[string]int{}
	for _, table := range tables {
		before[table] = rows(t, app, table)
	}
	status, answer := deliverSigned(t, base+"/hooks/moments/stripe", cycle, stripeSigned, time.Now().Add(-6*time.Minute))
	if status != http.StatusUnauthorized {
		t.Fatalf("answered %d %s; want 401", status, answer)
	}
	for _, table := range tables {
		if n := rows(t, app, table); n != before[table] {
			t.Errorf("%s holds %d rows after the refusal; want %d", table, n, before[table])
		}
	}
	log := providerLog(t, app, "stripe")
	if len(log) != 1 || rows(t, app, "source_deliveries") != 1 {
		t.Fatalf("logged %+v; want the one refused delivery", log)
	}
	d := log[0]
	if d.Outcome != intake.OutcomeRefused || d.Status != http.StatusUnauthorized || !strings.Contains(d.Reason, "Stripe-Signature") || d.Moment != "" {
		t.Errorf("logged %+v; want refused, 401, the reason naming Stripe-Signature, no moment", d)
	}
	if strings.Contains(d.Body, stripeKey) || strings.Contains(d.Body, "v1=") || strings.Contains(d.Body, "t=") ||
		!strings.Contains(d.Body, "invoice.paid") || !strings.Contains(d.Body, "•••@") {
		t.Errorf("logged body %s; want the event with its email masked and no key or signature", d.Body)
	}
}

func TestStripeDeliveriesAreLoggedAcceptedDuplicateAndIgnored(t *testing.T) {
	app, base := keyedServer(t)
	cycle, first := providerFixture(t, "stripe_invoice_paid_cycle.json"), providerFixture(t, "stripe_invoice_paid_create.json")
	for _, body := range []string{cycle, cycle, first} {
		deliverSigned(t, base+"/hooks/moments/stripe", body, stripeSigned, time.Now())
	}
	log := providerLog(t, app, "stripe")
	var got []string
	for _, d := range log {
		got = append(got, d.Outcome)
	}
	if strings.Join(got, " ") != "ignored duplicate accepted" {
		t.Fatalf("logged %q, newest first; want ignored duplicate accepted", got)
	}
	if log[2].Status != http.StatusCreated || log[2].Moment == "" || log[1].Moment != log[2].Moment {
		t.Errorf("accepted %+v and duplicate %+v; want 201 with the moment, and the duplicate naming the same moment", log[2], log[1])
	}
}
