package signin_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/crypto/bcrypt"

	"warmloop/internal/signin"
	"warmloop/tests/schemaapp"
)

// hashCost is the bcrypt cost of the hash a record's password is checked against.
func hashCost(t *testing.T, r *core.Record) int {
	t.Helper()
	pv, ok := r.GetRaw(core.FieldNamePassword).(*core.PasswordFieldValue)
	if !ok {
		t.Fatalf("%s has no password hash", r.Email())
	}
	cost, err := bcrypt.Cost([]byte(pv.Hash))
	if err != nil {
		t.Fatal(err)
	}
	return cost
}

// Whoever the email belongs to (a superuser, a team member who has not
// accepted their invitation, no one), a wrong password costs one check
// against a hash of the same bcrypt cost, so the time of the answer cannot
// tell an administrator's email from any other. The check counts the slow
// steps instead of timing them, so a busy machine cannot make it pass or
// fail.
func TestEveryWrongSignInChecksOneHashOfTheSameCost(t *testing.T) {
	app := schemaapp.New(t)
	su := core.NewRecord(mustCollection(t, app, core.CollectionNameSuperusers))
	su.SetEmail("admin@acme.example")
	su.SetPassword("the-real-password-1")
	if err := app.Save(su); err != nil {
		t.Fatal(err)
	}
	invited := core.NewRecord(mustCollection(t, app, signin.Team))
	invited.SetEmail("invited@acme.example")
	invited.Set("name", "Ivo")
	invited.Set("role", signin.Sales)
	invited.SetPassword("a-made-up-password-1")
	if err := app.Save(invited); err != nil {
		t.Fatal(err)
	}
	real := hashCost(t, su)

	var costs []int
	t.Cleanup(signin.WatchValidate(func(r *core.Record) { costs = append(costs, hashCost(t, r)) }))

	for _, email := range []string{"admin@acme.example", "invited@acme.example", "nobody@acme.example"} {
		costs = nil
		if _, ok := signin.Verify(app, email, "not-the-password"); ok {
			t.Fatalf("%s signed in with a wrong password", email)
		}
		if len(costs) != 1 || costs[0] != real {
			t.Errorf("%s: a wrong password checked hashes of costs %v, want one of cost %d like an administrator's", email, costs, real)
		}
	}
}

func mustCollection(t *testing.T, app core.App, name string) *core.Collection {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMain(m *testing.M) { schemaapp.Main(m) }
