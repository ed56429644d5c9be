package privacy_test

import (
	"reflect"
	"strings"
	"testing"

	"warmloop/internal/intake"
	"warmloop/internal/privacy"
)

// joImportCSV is a customers file whose rejected lines quote Jo's address
// (as a duplicate inside the file, typed with capitals) and Ben's.
const joImportCSV = `email,name
jo@fabrikam.example,Jo Bloggs
ben@bluepeak.example,Ben Okafor
JO@Fabrikam.example,Jo again
ben@bluepeak.example,Ben again
not-an-email,Nobody
`

// joImport runs an import of joImportCSV in f's program and returns its id.
func joImport(t *testing.T, f *jo) string {
	t.Helper()
	file, err := intake.ReadCustomers(strings.NewReader(joImportCSV))
	if err != nil {
		t.Fatal(err)
	}
	id, err := intake.NewCustomersImport(f.app, "crm-export.csv", "admin@warmloop.test", file)
	if err != nil {
		t.Fatal(err)
	}
	if err := intake.RunCustomersImport(f.app, id, file); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestEraseBlanksTheImportLinesThatQuoteThePersonAndKeepsTheRest(t *testing.T) {
	f := newJo(t)
	id := joImport(t, f)
	before, err := intake.FindImport(f.app, id)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(before.Rejected[0].Reason, joEmail) {
		t.Fatalf("the import's first rejected line does not quote Jo: %+v", before.Rejected)
	}

	counts, err := privacy.Erase(f.app, joEmail)
	if err != nil {
		t.Fatal(err)
	}
	if counts.ImportLines != 1 {
		t.Errorf("erased %d rejected import lines, want Jo's one", counts.ImportLines)
	}
	if where := traces(t, f.app, "jo@fabrikam"); len(where) > 0 {
		t.Errorf("after the erasure Jo's address is still in %v", where)
	}
	after, err := intake.FindImport(f.app, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []intake.Rejection{
		{Line: 4, Reason: "(erased at the person's request)", Problem: intake.LineErased},
		before.Rejected[1], // Ben's
		before.Rejected[2],
	}
	if !reflect.DeepEqual(after.Rejected, want) {
		t.Errorf("rejected lines after the erasure %+v, want %+v", after.Rejected, want)
	}
	if after.RejectedCount != before.RejectedCount || after.Created != before.Created || after.Skipped != before.Skipped || after.Status != before.Status {
		t.Errorf("the erasure changed the import's counts: %+v, was %+v", after, before)
	}
}

func TestExportHoldsTheImportLinesThatQuoteThePerson(t *testing.T) {
	f := newJo(t)
	id := joImport(t, f)
	x, err := privacy.ExportOf(f.app, joEmail)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.ImportLines) != 1 || x.ImportLines[0]["import"] != id || x.ImportLines[0]["line"] != 4 ||
		x.ImportLines[0]["file"] != "crm-export.csv" || !strings.Contains(x.ImportLines[0]["reason"].(string), joEmail) {
		t.Errorf("the export's import lines are %v, want Jo's line 4 of crm-export.csv", x.ImportLines)
	}
	if x.Counts().ImportLines != 1 {
		t.Errorf("the export counts %d import lines", x.Counts().ImportLines)
	}
}
