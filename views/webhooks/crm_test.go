package webhooks_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/webtest"
)

// referralServer is Ana's referral of Jo (invited), the keys and the stage
// map set, served over loopback.
func referralServer(t *testing.T) (*tests.TestApp, string) {
	t.Helper()
	app := webtest.WithReferral(t)
	t.Cleanup(app.Cleanup)
	withKeys(t, app)
	return app, webtest.Server(t, app).URL
}

// crmBearer signs a generic CRM's request with the shared secret.
func crmBearer(req *http.Request, _, _ string, _ time.Time) {
	req.Header.Set("Authorization", "Bearer "+crmKey)
}

// history lists the referral's moves as "from→to (actor) note", oldest first.
func history(t *testing.T, app *tests.TestApp, referralID string) []string {
	t.Helper()
	events, err := app.FindRecordsByFilter("referral_events", "referral = {:r}", "at", 0, 0, dbx.Params{"r": referralID})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ev := range events {
		line := ev.GetString("from_status") + "→" + ev.GetString("to_status") + " " + ev.GetString("note")
		if ev.Collection().Fields.GetByName("actor") != nil {
			line += " (" + ev.GetString("actor") + ")"
		}
		out = append(out, line)
	}
	return out
}

func TestHubSpotDealClosedWonWinsTheRefereesReferralWithItsAmount(t *testing.T) {
	app, base := referralServer(t)
	body := `{"hs_object_id":"4242","dealstage":"closedwon","amount":"24000","email":"Jo@Fabrikam.example"}`
	status, answer := deliverSigned(t, base+"/hooks/crm/hubspot", body, hubspotSigned, time.Now())
	if status != http.StatusOK || !strings.Contains(answer, `"to":"won"`) || !strings.Contains(answer, `"moved":true`) {
		t.Fatalf("answered %d %s; want the referral moved to won", status, answer)
	}
	r := webtest.MustReferral(t, app)
	if r.GetString("status") != "won" || r.GetFloat("won_value") != 24000 {
		t.Errorf("the referral is %s with won value %v; want won, 24000", r.GetString("status"), r.GetFloat("won_value"))
	}
	h := history(t, app, r.Id)
	if len(h) != 1 || !strings.HasPrefix(h[0], "invited→won HubSpot deal 4242 reached closedwon") {
		t.Errorf("history %q; want the one move, saying the HubSpot deal made it", h)
	}
	// Where the history names who made each move, it names HubSpot.
	if actor := strings.Contains(strings.Join(h, ""), "("); actor && !strings.HasSuffix(h[0], "(HubSpot)") {
		t.Errorf("history %q; want the move's actor HubSpot", h)
	}
	// HubSpot retries what it is not sure arrived: the same event again
	// changes nothing and writes no second move.
	status, answer = deliverSigned(t, base+"/hooks/crm/hubspot", body, hubspotSigned, time.Now())
	if status != http.StatusOK || !strings.Contains(answer, `"moved":false`) {
		t.Errorf("the redelivery answered %d %s; want 200, not moved", status, answer)
	}
	if h := history(t, app, r.Id); len(h) != 1 {
		t.Errorf("history after the redelivery %q; want one move", h)
	}
}

func TestDealStageFoundByReferralCodeQualifiesWithThePipelineValue(t *testing.T) {
	app, base := referralServer(t)
	// HubSpot's "include all deal properties" body, the referral code kept
	// in a deal property, and no email.
	body := `{"objectId":77,"properties":{"dealstage":{"value":"qualifiedtobuy"},"amount":{"value":"18000"},"referral_code":{"value":"` + webtest.RefCode + `"}}}`
	status, answer := deliverSigned(t, base+"/hooks/crm/hubspot", body, hubspotSigned, time.Now())
	if status != http.StatusOK || !strings.Contains(answer, `"to":"qualified"`) {
		t.Fatalf("answered %d %s; want the referral qualified", status, answer)
	}
	if r := webtest.MustReferral(t, app); r.GetString("status") != "qualified" || r.GetFloat("pipeline_value") != 18000 {
		t.Errorf("the referral is %s with pipeline value %v; want qualified, 18000", r.GetString("status"), r.GetFloat("pipeline_value"))
	}
}

func TestGenericCRMDealMovesByEmailWithTheSharedSecret(t *testing.T) {
	app, base := referralServer(t)
	body := `{"id":"SF-0061","stage":"Closed Won","amount":5000,"email":"jo@fabrikam.example"}`
	status, answer := deliverSigned(t, base+"/hooks/crm/generic", body, crmBearer, time.Now())
	if status != http.StatusOK || !strings.Contains(answer, `"to":"won"`) {
		t.Fatalf("answered %d %s; want the referral won", status, answer)
	}
	if r := webtest.MustReferral(t, app); r.GetString("status") != "won" || r.GetFloat("won_value") != 5000 {
		t.Errorf("the referral is %s with won value %v; want won, 5000", r.GetString("status"), r.GetFloat("won_value"))
	}
	status, answer = deliverSigned(t, base+"/hooks/crm/generic", body, wrongKey, time.Now())
	if status != http.StatusUnauthorized || !strings.Contains(answer, "crm_secret") {
		t.Errorf("a request without the secret answered %d %s; want a 401 naming crm_secret", status, answer)
	}
}

func TestIllegalDealMoveIsRefusedWithItsReasonAndNothingWritten(t *testing.T) {
	app, base := referralServer(t)
	r := webtest.MustReferral(t, app)
	r.Set("status", "lost")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	before := history(t, app, r.Id)
	outbox := rows(t, app, "outbox")
	body := `{"hs_object_id":"4242","dealstage":"closedwon","amount":"24000","email":"jo@fabrikam.example"}`
	status, answer := deliverSigned(t, base+"/hooks/crm/hubspot", body, hubspotSigned, time.Now())
	if status != http.StatusConflict || !strings.Contains(answer, "final") || !strings.Contains(answer, `"field":"stage"`) {
		t.Errorf("answered %d %s; want a 409 saying a lost referral is final", status, answer)
	}
	r = webtest.MustReferral(t, app)
	if r.GetString("status") != "lost" || r.GetFloat("won_value") != 0 {
		t.Errorf("the referral is %s with won value %v; want it left lost, no value", r.GetString("status"), r.GetFloat("won_value"))
	}
	if after := history(t, app, r.Id); len(after) != len(before) || rows(t, app, "outbox") != outbox {
		t.Errorf("history %q and %d outbox rows after the refusal; want %q and %d", after, rows(t, app, "outbox"), before, outbox)
	}
}

func TestDealEventsThatMoveNothingAreAnsweredSoTheCRMDoesNotRetry(t *testing.T) {
	app, base := referralServer(t)
	cases := []struct{ name, body, status, answer string }{
		{"a stage the map leaves out is ignored", `{"hs_object_id":"1","dealstage":"appointmentscheduled","email":"jo@fabrikam.example"}`, "200", `"ignored":true`},
		{"a deal that is no referral's matches nothing", `{"hs_object_id":"2","dealstage":"closedwon","email":"someone@else.example"}`, "200", `"matched":false`},
		{"a deal without a stage is a 400 naming stage", `{"hs_object_id":"3","email":"jo@fabrikam.example"}`, "400", `"field":"stage"`},
		{"a deal without email or code is a 400 naming email", `{"hs_object_id":"4","dealstage":"closedwon"}`, "400", `"field":"email"`},
	}
	for _, c := range cases {
		status, answer := deliverSigned(t, base+"/hooks/crm/hubspot", c.body, hubspotSigned, time.Now())
		if strconv.Itoa(status) != c.status || !strings.Contains(answer, c.answer) {
			t.Errorf("%s: answered %d %s; want %s with %s", c.name, status, answer, c.status, c.answer)
		}
	}
	if r := webtest.MustReferral(t, app); r.GetString("status") != "invited" {
		t.Errorf("the referral moved to %s; want it left invited", r.GetString("status"))
	}
	status, _ := deliverSigned(t, base+"/hooks/crm/pipedrive", `{}`, crmBearer, time.Now())
	if status != http.StatusNotFound {
		t.Errorf("an unknown CRM answered %d, want 404", status)
	}
}
