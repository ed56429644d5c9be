package intake_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/pocketbase/dbx"

	"warmloop/internal/intake"
	"warmloop/tests/schemaapp"
)

// undoCSV creates five customers; Ana is there before it and is skipped.
const undoCSV = `email,name
ana@northwind.example,Ana Lima
hana@harbor.example,Hana Hart
ivan@ironwood.example,Ivan Ito
jo@juniper.example,Jo Jones
kim@kestrel.example,Kim Koh
lee@larch.example,Lee Lam
`

func TestUndoingAnImportDeletesTheCustomersItCreatedButThoseTheProgramWorkedWithSince(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	f := readJobFile(t, undoCSV)
	id, err := intake.NewCustomersImport(app, "people.csv", "admin@warmloop.test", f)
	if err != nil {
		t.Fatal(err)
	}
	if err := intake.RunCustomersImport(app, id, f); err != nil {
		t.Fatal(err)
	}
	imported := func(email string) string {
		rec, err := app.FindFirstRecordByData("customers", "email", email)
		if err != nil {
			t.Fatal(err)
		}
		if rec.GetString("import") != id {
			t.Errorf("%s names import %q, want %q", email, rec.GetString("import"), id)
		}
		return rec.Id
	}
	hana, ivan, jo := imported("hana@harbor.example"), imported("ivan@ironwood.example"), imported("jo@juniper.example")
	kim, lee := imported("kim@kestrel.example"), imported("lee@larch.example")
	// Since the import: Hana referred someone, Ivan had a moment, Jo was
	// edited a while later; Kim and Lee were left alone.
	schemaapp.Save(t, app, "referrals", map[string]any{"referrer": hana, "referee_name": "Mo", "referee_email": "mo@moss.example", "status": "invited", "channel": "landing"})
	schemaapp.Save(t, app, "moments", map[string]any{"customer": ivan, "kind": "renewal", "source": "api", "external_id": "x1", "occurred_at": "2025-01-02 10:00:00.000Z"})
	if _, err := app.DB().Update("customers", dbx.Params{"title": "CTO", "updated": "2099-01-01 00:00:00.000Z"}, dbx.HashExp{"id": jo}).Execute(); err != nil {
		t.Fatal(err)
	}

	plan, err := intake.PlanUndo(app, id)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(plan.Delete)
	want := []string{kim, lee}
	slices.Sort(want)
	if !slices.Equal(plan.Delete, want) {
		t.Errorf("the plan deletes %v, want Kim and Lee %v", plan.Delete, want)
	}
	kept := map[string]string{}
	for _, k := range plan.Kept {
		kept[k.ID] = k.Why
	}
	if kept[hana] != "made a referral" || kept[ivan] != "had a moment or an ask" || kept[jo] != "was changed since the import" || len(kept) != 3 {
		t.Errorf("kept %v", kept)
	}

	done, err := intake.UndoImport(app, id)
	if err != nil || len(done.Delete) != 2 {
		t.Fatalf("undo deleted %v, %v", done.Delete, err)
	}
	for _, gone := range want {
		if _, err := app.FindRecordById("customers", gone); err == nil {
			t.Errorf("customer %s is still there", gone)
		}
	}
	for _, stays := range []string{ana.Id, hana, ivan, jo} {
		if _, err := app.FindRecordById("customers", stays); err != nil {
			t.Errorf("customer %s was deleted: %v", stays, err)
		}
	}
	job := findJob(t, app, id)
	if job.Undone.IsZero() || job.UndoneCount != 2 {
		t.Errorf("the job records undone %v, %d", job.Undone, job.UndoneCount)
	}
	if _, err := intake.UndoImport(app, id); !errors.Is(err, intake.ErrImportUndone) {
		t.Errorf("a second undo: %v", err)
	}
}

func TestARunningImportIsNotUndone(t *testing.T) {
	app := schemaapp.New(t)
	f := readJobFile(t, undoCSV)
	id, err := intake.NewCustomersImport(app, "people.csv", "admin@warmloop.test", f)
	if err != nil {
		t.Fatal(err)
	}
	schemaapp.Customer(t, app, "Hana Hart", "hana@harbor.example", map[string]any{"import": id})
	if _, err := intake.UndoImport(app, id); !errors.Is(err, intake.ErrImportRunning) {
		t.Errorf("undoing a running import: %v", err)
	}
	if n, _ := app.CountRecords("customers"); n != 1 {
		t.Errorf("%d customers left, want 1", n)
	}
}
