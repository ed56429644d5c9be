package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"warmloop/cli"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

// runImport runs `warmloop import KIND FILE` with content as the file.
func runImport(t *testing.T, kind string, content []byte) (string, error) {
	t.Helper()
	app := schemaapp.New(t)
	path := filepath.Join(t.TempDir(), kind+".csv")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := cli.NewImportCommand(app)
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs([]string{kind, path})
	err := cmd.Execute()
	for _, table := range []string{"customers", "moments"} {
		if n, _ := app.CountRecords(table); err != nil && n != 0 {
			t.Errorf("a refused import wrote %d %s", n, table)
		}
	}
	return out.String(), err
}

func TestImportRefusesCSVFilesThatAreNotUTF8LikeTheDashboard(t *testing.T) {
	latin1 := map[string][]byte{
		"customers": []byte("email,name\nana@northwind.example,Ana\nzoe@northwind.example,Zo\xeb Lef\xe8vre\n"),
		"moments":   []byte("email,kind,comment\nana@northwind.example,renewal,Tr\xe8s bien\n"),
	}
	for kind, content := range latin1 {
		_, err := runImport(t, kind, content)
		if err == nil || !strings.Contains(err.Error(), `"`+kind+`.csv" is not UTF-8 text`) || !strings.Contains(err.Error(), `"CSV UTF-8"`) {
			t.Errorf("import %s of a Latin-1 file: %v, want the encoding refused with how to fix it", kind, err)
		}
	}
	_, err := runImport(t, "customers", []byte("email,name\nzoe@northwind.example,Zoë Lefèvre\n"))
	if err != nil {
		t.Errorf("a UTF-8 file was refused: %v", err)
	}
}
