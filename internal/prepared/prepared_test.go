package prepared_test

import (
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/prepared"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

const byCode = "SELECT * FROM customers WHERE referral_code = ? LIMIT 1"

func TestARecordReadPreparedIsTheRecordPocketBaseReads(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@acme.example", map[string]any{
		"company": "Acme", "wall_opt_in": true, "next_ask_at": "2027-01-01 10:00:00.000Z",
	})
	want, err := app.FindRecordById("customers", ana.Id)
	if err != nil {
		t.Fatal(err)
	}

	got, err := prepared.Record(app, "customers", byCode, ana.GetString("referral_code"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Id != want.Id || got.IsNew() || !maps.EqualFunc(got.FieldsData(), want.FieldsData(), same) ||
		!maps.EqualFunc(got.Original().FieldsData(), want.Original().FieldsData(), same) {
		t.Fatalf("prepared read %v (new %v), PocketBase read %v", got.FieldsData(), got.IsNew(), want.FieldsData())
	}

	// It saves as an update, with its original values for the hooks.
	got.Set("company", "Acme Group")
	if err := app.Save(got); err != nil {
		t.Fatal(err)
	}
	again, _ := app.FindRecordById("customers", ana.Id)
	if again.GetString("company") != "Acme Group" || again.GetString("email") != "ana@acme.example" {
		t.Errorf("after the save: %v", again.FieldsData())
	}
}

// same compares two field values: the same type, printed the same.
func same(a, b any) bool { return fmt.Sprintf("%T %v", a, a) == fmt.Sprintf("%T %v", b, b) }

func TestAReadInATransactionSeesTheTransactionsWrites(t *testing.T) {
	app := schemaapp.New(t)
	err := app.RunInTransaction(func(tx core.App) error {
		jo := schemaapp.Customer(t, tx, "Jo Bloggs", "jo@fabrikam.example", nil)
		got, err := prepared.Record(tx, "customers", byCode, jo.GetString("referral_code"))
		if err != nil || got.Id != jo.Id {
			t.Errorf("in the transaction: %v, %v", got, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNothingFoundIsErrNoRows(t *testing.T) {
	app := schemaapp.New(t)
	if _, err := prepared.Record(app, "customers", byCode, "nobody-has-this-code"); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("Record: %v, want sql.ErrNoRows", err)
	}
	var n int
	if err := prepared.Row(app, "SELECT 1 FROM customers WHERE email = ?", []any{"nobody@acme.example"}, &n); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("Row: %v, want sql.ErrNoRows", err)
	}
}
