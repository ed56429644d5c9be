package demo_test

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"testing"

	"warmloop/internal/demo"
)

// The plan for the tests' clock, as captured when plan.go was split into
// files and again when the demo got its recent referrals and the shipped
// variants: the sha256 of the whole plan as JSON, and its sizes. A change to
// the generated data (or to the order of the random draws) changes them.
const (
	planDigest = "ca65e0c183a1302a3a763289b8bc75da74272126f919141afa4ae9b4a26fe6fa"
	planSizes  = "100 customers, 279 moments, 323 asks, 28 referrals, 99 referral events, 23 rewards"
)

func TestDemoPlanIsTheOneCapturedBeforeTheSplit(t *testing.T) {
	p := demo.NewPlan(now)
	events := 0
	for _, r := range p.Referrals {
		events += len(r.Events)
	}
	sizes := fmt.Sprintf("%d customers, %d moments, %d asks, %d referrals, %d referral events, %d rewards",
		len(p.Customers), len(p.Moments), len(p.Asks), len(p.Referrals), events, len(p.Rewards))
	if sizes != planSizes {
		t.Errorf("the plan has %s, want %s", sizes, planSizes)
	}
	if first := p.Customers[0]; first.Email != "amelia.adeyemi@northwind.example" || first.Touch != 3 {
		t.Errorf("the first customer is %+v", first)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if digest := fmt.Sprintf("%x", sha256.Sum256(b)); digest != planDigest {
		t.Errorf("the plan's digest is %s, want %s: the generated data changed", digest, planDigest)
	}
}

func TestDemoPlanDecidesEveryMoment(t *testing.T) {
	for i, m := range demo.NewPlan(now).Moments {
		if m.Decision == "" {
			t.Errorf("moment %d (%s of customer %d) has no decision", i, m.Kind, m.Customer)
		}
	}
}
