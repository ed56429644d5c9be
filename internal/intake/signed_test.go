package intake_test

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"strconv"
	"testing"
	"time"

	"crypto/hmac"
	"crypto/sha256"

	"warmloop/internal/intake"
)

// mac is the HMAC-SHA256 of msg keyed with secret.
func mac(secret, msg string) []byte {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write([]byte(msg))
	return h.Sum(nil)
}

// fixture reads a provider body from testdata.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// isSignatureError reports whether err is a refused signature.
func isSignatureError(err error) bool {
	var se *intake.SignatureError
	return errors.As(err, &se)
}

func TestZendeskSignatureAcceptsZendesksDocumentedExample(t *testing.T) {
	// The secret, body, timestamp and signature of Zendesk's verification
	// example (developer.zendesk.com/documentation/webhooks/verifying).
	const secret, body, ts, sig = "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=", `{"say": "hello"}`,
		"2021-07-25T10:00:00Z", "tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw="
	now := time.Date(2021, 7, 25, 10, 1, 0, 0, time.UTC)
	if err := intake.VerifyZendesk(secret, sig, ts, []byte(body), now); err != nil {
		t.Fatalf("Zendesk's own example is refused: %v", err)
	}
	// The order the docs' prose gives: the timestamp, then the body.
	prose := base64.StdEncoding.EncodeToString(mac(secret, ts+body))
	if err := intake.VerifyZendesk(secret, prose, ts, []byte(body), now); err != nil {
		t.Fatalf("a signature over the timestamp and then the body is refused: %v", err)
	}
	refusals := map[string]error{
		"another body":      intake.VerifyZendesk(secret, sig, ts, []byte(`{"say": "goodbye"}`), now),
		"another secret":    intake.VerifyZendesk("not-the-secret-at-all", sig, ts, []byte(body), now),
		"a stale timestamp": intake.VerifyZendesk(secret, sig, ts, []byte(body), now.Add(10*time.Minute)),
		"no timestamp":      intake.VerifyZendesk(secret, sig, "", []byte(body), now),
		"no secret set":     intake.VerifyZendesk("", sig, ts, []byte(body), now),
	}
	for name, err := range refusals {
		if !isSignatureError(err) {
			t.Errorf("%s: got %v, want a signature refusal", name, err)
		}
	}
}

func TestHubSpotV3SignatureCoversMethodURIBodyAndTimestampAndRefusesAnOldOne(t *testing.T) {
	const secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"
	body := []byte(`{"hs_object_id":"1","dealstage":"closedwon"}`)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	ts := strconv.FormatInt(now.Add(-time.Minute).UnixMilli(), 10)
	signedURI := "https://warmloop.example.com/hooks/crm/hubspot?kind=renewal"
	sig := base64.StdEncoding.EncodeToString(mac(secret, "POST"+signedURI+string(body)+ts))
	uris := []string{"http://10.0.0.5:8090/hooks/crm/hubspot?kind=renewal", signedURI}
	if err := intake.VerifyHubSpot(secret, sig, ts, "POST", uris, body, now); err != nil {
		t.Fatalf("a request signed over one of its addresses is refused: %v", err)
	}
	encoded := []string{"https%3A%2F%2Fwarmloop.example.com/hooks/crm/hubspot%3Fkind=renewal"}
	if err := intake.VerifyHubSpot(secret, sig, ts, "POST", encoded, body, now); err != nil {
		t.Fatalf("the escapes HubSpot decodes before signing were not decoded: %v", err)
	}
	old := strconv.FormatInt(now.Add(-6*time.Minute).UnixMilli(), 10)
	oldSig := base64.StdEncoding.EncodeToString(mac(secret, "POST"+signedURI+string(body)+old))
	refusals := map[string]error{
		"a timestamp six minutes old": intake.VerifyHubSpot(secret, oldSig, old, "POST", uris, body, now),
		"another method":              intake.VerifyHubSpot(secret, sig, ts, "PUT", uris, body, now),
		"another address":             intake.VerifyHubSpot(secret, sig, ts, "POST", uris[:1], body, now),
		"another body":                intake.VerifyHubSpot(secret, sig, ts, "POST", uris, []byte(`{}`), now),
		"no timestamp header":         intake.VerifyHubSpot(secret, sig, "", "POST", uris, body, now),
	}
	for name, err := range refusals {
		if !isSignatureError(err) {
			t.Errorf("%s: got %v, want a signature refusal", name, err)
		}
	}
}

func TestStripeSignatureChecksEveryV1WithinItsTolerance(t *testing.T) {
	const secret = "whsec_test_secret_for_warmloop"
	body := fixture(t, "stripe_invoice_paid_cycle.json")
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	tstr := strconv.FormatInt(now.Add(-30*time.Second).Unix(), 10)
	good := hex.EncodeToString(mac(secret, tstr+"."+string(body)))
	// Stripe sends one v1 per active secret during a rotation, and a v0
	// that is never to be trusted.
	header := "t=" + tstr + ",v1=" + hex.EncodeToString(mac("whsec_old", tstr+"."+string(body))) + ",v1=" + good + ",v0=deadbeef"
	if err := intake.VerifyStripe(secret, header, body, now); err != nil {
		t.Fatalf("a header with the right v1 second is refused: %v", err)
	}
	stale := strconv.FormatInt(now.Add(-6*time.Minute).Unix(), 10)
	refusals := map[string]error{
		"a timestamp past the tolerance": intake.VerifyStripe(secret, "t="+stale+",v1="+hex.EncodeToString(mac(secret, stale+"."+string(body))), body, now),
		"only a v0":                      intake.VerifyStripe(secret, "t="+tstr+",v0="+good, body, now),
		"another body":                   intake.VerifyStripe(secret, "t="+tstr+",v1="+good, []byte(`{}`), now),
		"no header":                      intake.VerifyStripe(secret, "", body, now),
	}
	for name, err := range refusals {
		if !isSignatureError(err) {
			t.Errorf("%s: got %v, want a signature refusal", name, err)
		}
	}
}

func TestZendeskGoodRatingIsASupportWinAndOthersAreIgnored(t *testing.T) {
	good, err := intake.ParseZendesk(fixture(t, "zendesk_good.json"))
	if err != nil || good.Ignored != "" {
		t.Fatalf("a good rating: %+v, %v", good, err)
	}
	m := good.Moment
	if m.Kind != "support_win" || m.Email != "dana.okafor@northwind.example" || m.ExternalID != "ticket-35436" || m.Source != "zendesk" || m.OccurredAt.IsZero() {
		t.Errorf("a good rating made %+v", m)
	}
	bad, err := intake.ParseZendesk(fixture(t, "zendesk_bad.json"))
	if err != nil || bad.Ignored == "" {
		t.Errorf("a bad rating: %+v, %v; want it ignored", bad, err)
	}
	for body, field := range map[string]string{
		`{"ticket_id":"1","email":"a@b.example"}`:                    "rating",
		`{"ticket_id":"1","rating":"Good"}`:                          "email",
		`{"rating":"Good","email":"a@b.example"}`:                    "ticket_id",
		`{"ticket_id":"1","rating":"Good","email":"not an address"}`: "email",
	} {
		_, err := intake.ParseZendesk([]byte(body))
		var fe *intake.FieldError
		if !errors.As(err, &fe) || fe.Field != field {
			t.Errorf("%s: got %v, want a problem with %s", body, err, field)
		}
	}
}

func TestStripeRenewalIsASubscriptionCycleInvoicePaid(t *testing.T) {
	cycle, err := intake.ParseStripe(fixture(t, "stripe_invoice_paid_cycle.json"))
	if err != nil || cycle.Ignored != "" {
		t.Fatalf("a subscription_cycle invoice: %+v, %v", cycle, err)
	}
	if m := cycle.Moment; m.Kind != "renewal" || m.Email != "dana.okafor@northwind.example" || m.ExternalID != "in_1QxRenewal000000000001" {
		t.Errorf("a renewal made %+v", m)
	}
	first, err := intake.ParseStripe(fixture(t, "stripe_invoice_paid_create.json"))
	if err != nil || first.Ignored == "" {
		t.Errorf("the first invoice of a subscription: %+v, %v; want it ignored", first, err)
	}
	other, err := intake.ParseStripe([]byte(`{"id":"evt_1","type":"customer.created","data":{"object":{}}}`))
	if err != nil || other.Ignored == "" {
		t.Errorf("another event type: %+v, %v; want it ignored", other, err)
	}
	_, err = intake.ParseStripe([]byte(`{"id":"evt_2","type":"invoice.paid","data":{"object":{"id":"in_2","billing_reason":"subscription_cycle","customer_email":null}}}`))
	var fe *intake.FieldError
	if !errors.As(err, &fe) || fe.Field != "data.object.customer_email" {
		t.Errorf("a renewal without an email: got %v, want a problem with data.object.customer_email", err)
	}
}

func TestDealIsReadFromHubSpotsBothBodiesAndAGenericOne(t *testing.T) {
	custom, err := intake.ParseDeal("hubspot", fixture(t, "hubspot_deal_custom.json"))
	if err != nil {
		t.Fatal(err)
	}
	if custom.ID != "9876543210" || custom.Stage != "closedwon" || !custom.HasAmount || custom.Amount != 24000 ||
		custom.Email != "dana.okafor@northwind.example" || custom.ClosedAt.IsZero() {
		t.Errorf("HubSpot's customised body read as %+v", custom)
	}
	all, err := intake.ParseDeal("hubspot", fixture(t, "hubspot_deal_all_properties.json"))
	if err != nil {
		t.Fatal(err)
	}
	if all.ID != "9876543211" || all.Stage != "qualifiedtobuy" || all.Amount != 18000 || all.Code != "REPLACEDBYTEST" {
		t.Errorf("HubSpot's all-properties body read as %+v", all)
	}
	generic, err := intake.ParseDeal("generic", []byte(`{"id":"D-7","stage":"Closed Won","amount":1200.5,"email":"a@b.example"}`))
	if err != nil || generic.Stage != "Closed Won" || generic.Amount != 1200.5 || generic.HasAmount != true {
		t.Errorf("a generic deal read as %+v, %v", generic, err)
	}
	for body, field := range map[string]string{
		`{"stage":"won","email":"a@b.example"}`:                       "id",
		`{"id":"1","email":"a@b.example"}`:                            "stage",
		`{"id":"1","stage":"won"}`:                                    "email",
		`{"id":"1","stage":"won","email":"a@b.example","amount":"x"}`: "amount",
		`[1,2]`: "body",
	} {
		_, err := intake.ParseDeal("generic", []byte(body))
		var fe *intake.FieldError
		if !errors.As(err, &fe) || fe.Field != field {
			t.Errorf("%s: got %v, want a problem with %s", body, err, field)
		}
	}
}

func TestHubSpotDealIsTheMomentKindTheURLNames(t *testing.T) {
	d, err := intake.ParseDeal("hubspot", fixture(t, "hubspot_deal_custom.json"))
	if err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[string]string{"": "renewal", "renewal": "renewal", "first_outcome": "first_outcome"} {
		sm, err := intake.HubSpotMoment(d, kind)
		if err != nil || sm.Moment.Kind != want || sm.Moment.ExternalID != "deal-9876543210" {
			t.Errorf("kind %q: %+v, %v", kind, sm.Moment, err)
		}
	}
	var fe *intake.FieldError
	if _, err := intake.HubSpotMoment(d, "nps"); !errors.As(err, &fe) || fe.Field != "kind" {
		t.Errorf("kind nps: got %v, want a problem with kind", err)
	}
}
