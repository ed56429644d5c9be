package privacy

import (
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
)

// erasedLine is the reason an import's rejected line keeps once the person
// it named is erased: the line number stays, so the summary still adds up.
const erasedLine = "(erased at the person's request)"

// findImports reads the import jobs whose kept rejected lines name the
// person: a line's reason may quote its email ("email jo@… is a duplicate
// of line 2"). The query narrows by domain; mentions decides.
func (p *person) findImports(app core.App) error {
	domain := p.email[strings.LastIndexByte(p.email, '@'):]
	like := dbx.NewExp(`CAST([[rejected_lines]] AS TEXT) LIKE {:domain} ESCAPE '\'`,
		dbx.Params{"domain": "%" + escapeLike(domain) + "%"})
	found, err := records(app, "imports", like)
	if err != nil {
		return err
	}
	for _, r := range found {
		if len(p.importLines(r)) > 0 {
			p.imports = append(p.imports, r)
		}
	}
	return nil
}

// importLines are the indexes of an import's kept rejected lines that name
// the person.
func (p *person) importLines(r *core.Record) []int {
	var at []int
	for i, line := range intake.ImportRejections(r) {
		if p.mentioned(line.Reason) {
			at = append(at, i)
		}
	}
	return at
}

// mentioned reports whether text holds the person's address, in any of the
// forms that are the same address, quoted or not.
func (p *person) mentioned(text string) bool {
	if strings.Contains(strings.ToLower(text), p.email) {
		return true
	}
	for _, word := range strings.Fields(text) {
		if strings.Contains(word, "@") && p.sameAddress(strings.Trim(word, `"'.,;:()<>[]`)) {
			return true
		}
	}
	return false
}

// importLineCount counts the rejected lines that name the person.
func (p *person) importLineCount() int {
	n := 0
	for _, r := range p.imports {
		n += len(p.importLines(r))
	}
	return n
}

// importChanges blanks the reason of every rejected line that names the
// person, and the value it quoted; the job's counts and its other lines stay.
func (p *person) importChanges() []change {
	var changes []change
	for _, r := range p.imports {
		lines := intake.ImportRejections(r)
		for _, i := range p.importLines(r) {
			lines[i] = intake.Rejection{Line: lines[i].Line, Reason: erasedLine, Problem: intake.LineErased}
		}
		intake.KeepImportRejections(r, lines)
		changes = append(changes, change{r, false, nil})
	}
	return changes
}

// importsOf lists, for the export, each rejected line that names the
// person, with the import it belongs to.
func (p *person) importsOf() []map[string]any {
	out := []map[string]any{}
	for _, r := range p.imports {
		lines := intake.ImportRejections(r)
		for _, i := range p.importLines(r) {
			out = append(out, map[string]any{
				"import": r.Id, "file": r.GetString("file"), "started": r.GetDateTime("created"),
				"line": lines[i].Line, "reason": lines[i].Reason,
			})
		}
	}
	return out
}
