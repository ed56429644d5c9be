package intake

import (
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/text"
)

// customerSources are the sources the program counts customers by. A
// customers CSV line with no source is an import; one with any other value
// is an import too, and keeps that value in source_detail.
var customerSources = map[string]bool{"direct": true, "referral": true, "import": true}

// customerBatch is how many lines are written per transaction: large enough
// to import quickly, small enough to keep the database free for others.
const customerBatch = 200

// CustomerLine is one valid line of a customers CSV.
type CustomerLine struct {
	Line                                              int // as a spreadsheet numbers it: the header is line 1
	Email, Name, Company, Title, Source, SourceDetail string
	// Locale is the line's locale (or language) column in its one form;
	// "" when the column is absent, empty, or names a language Warmloop
	// does not ship, so the person reads the program's default.
	Locale string
}

// CustomersFile is a customers CSV read and checked: the lines to write,
// the lines refused and why, and how many data lines there were.
type CustomersFile struct {
	Lines    []CustomerLine
	Rejected []Rejection
	Total    int
}

// ImportCustomers reads a CSV of customers (header row; email required;
// name, company, title, source, source_detail, locale optional) and creates each
// new customer. Customers already there, by email, are skipped and counted
// as duplicates.
func ImportCustomers(app core.App, r io.Reader, progress func(done, total int)) (ImportSummary, error) {
	f, err := ReadCustomers(r)
	if err != nil {
		return ImportSummary{}, err
	}
	return SaveCustomers(app, f, progress), nil
}

// FileError is why a customers CSV as a whole cannot be imported: the
// English sentence the CLI prints, and Problem (one of the File… ids) with
// Detail (the CSV reader's own error, for FileNotCSV) for a reader's words.
type FileError struct {
	Problem, Detail, sentence string
}

func (e *FileError) Error() string { return e.sentence }

// The problems of a customers CSV as a whole.
const (
	FileNotCSV  = "not_csv"  // not readable as CSV
	FileEmpty   = "empty"    // no header row
	FileNoEmail = "no_email" // a header row without an email column
)

// ReadCustomers parses and checks a customers CSV without writing anything.
// An error means the file as a whole cannot be imported (not CSV, no email
// column); a bad line is a Rejection, and the file goes on.
func ReadCustomers(r io.Reader) (CustomersFile, error) {
	var f CustomersFile
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	rows, err := cr.ReadAll()
	if err != nil {
		return f, &FileError{Problem: FileNotCSV, Detail: err.Error(),
			sentence: fmt.Sprintf("the file could not be read as CSV (%v); save it from your spreadsheet as \"CSV UTF-8\" and try again", err)}
	}
	if len(rows) == 0 {
		return f, &FileError{Problem: FileEmpty,
			sentence: "the file is empty: it needs a header row naming the columns (email,name,company,source)"}
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	if _, ok := col["email"]; !ok {
		return f, &FileError{Problem: FileNoEmail,
			sentence: "the header row has no \"email\" column; the first line must name the columns, e.g. email,name,company,source"}
	}
	f.Total = len(rows) - 1
	seen := map[string]int{}
	for i, row := range rows[1:] {
		get := func(name string) string {
			if j, ok := col[name]; ok && j < len(row) {
				return strings.TrimSpace(row[j])
			}
			return ""
		}
		line, problem := parseCustomerLine(i+2, get, seen)
		if problem != nil {
			problem.Line = i + 2
			f.Rejected = append(f.Rejected, *problem)
			continue
		}
		seen[line.Email] = line.Line
		f.Lines = append(f.Lines, line)
	}
	return f, nil
}

// parseCustomerLine turns one CSV line into a customer, or says what is
// wrong with it (a Rejection without its line); seen maps the emails of
// earlier lines to their line.
func parseCustomerLine(lineNo int, get func(string) string, seen map[string]int) (CustomerLine, *Rejection) {
	c := CustomerLine{
		Line: lineNo, Email: customers.CanonicalEmail(get("email")), Name: text.Line(get("name")),
		Company: text.Line(get("company")), Title: text.Line(get("title")),
	}
	c.Source, c.SourceDetail = lineSource(get("source"), get("source_detail"))
	c.Locale = lineLocale(get("locale"), get("language"))
	switch {
	case c.Email == "":
		return c, &Rejection{Reason: "email is missing", Problem: LineEmailMissing}
	case !customers.ValidEmail(c.Email):
		return c, &Rejection{Reason: fmt.Sprintf("email %q is not an email address", c.Email), Problem: LineEmailInvalid, Value: c.Email}
	case seen[c.Email] != 0:
		return c, &Rejection{Reason: fmt.Sprintf("email %s is a duplicate of line %d in this file", c.Email, seen[c.Email]),
			Problem: LineEmailRepeated, Value: c.Email, Other: seen[c.Email]}
	}
	for _, f := range [...]struct{ name, value string }{{"name", c.Name}, {"company", c.Company}, {"title", c.Title}} {
		if len([]rune(f.value)) > maxColumn {
			return c, &Rejection{Reason: fmt.Sprintf("%s is longer than %d characters", f.name, maxColumn),
				Problem: LineTooLong, Value: f.name, Other: maxColumn}
		}
	}
	if len([]rune(c.SourceDetail)) > customers.MaxSourceDetail {
		return c, &Rejection{Reason: fmt.Sprintf("source_detail is longer than %d characters (an unknown source is kept there too)", customers.MaxSourceDetail),
			Problem: LineDetailTooLong, Other: customers.MaxSourceDetail}
	}
	if c.Name == "" {
		c.Name = c.Email[:strings.IndexByte(c.Email, '@')]
	}
	return c, nil
}

// maxColumn is the most characters a line's name, company or title may have.
const maxColumn = 200

// unsaved is the rejection of a line whose customer could not be saved.
func unsaved(line int, err error) Rejection {
	return Rejection{Line: line, Reason: "could not be saved: " + err.Error(), Problem: LineUnsaved, Value: err.Error()}
}

// lineSource reads a line's source and source_detail columns. A source the
// program counts by is kept, in any case; no source is "import". Any other
// value ("hubspot") is kept as written in source_detail, before what that
// column holds, and the customer is an import: the line came from another
// tool, and naming it direct or referral would claim what nobody said (a
// referral counts in the program's figures).
func lineSource(source, detail string) (string, string) {
	s := strings.ToLower(source)
	switch {
	case s == "":
		return "import", detail
	case customerSources[s]:
		return s, detail
	case detail == "":
		return "import", source
	default:
		return "import", source + ": " + detail
	}
}

// SaveCustomers writes the lines of f in batches, one transaction each, and
// sums up what happened, rejections sorted by line. A batch that fails is
// rolled back whole and retried line by line, so a bad line is rejected
// with its reason and never half-written. progress, when not nil, is told
// after each batch, counting f's rejected lines as done.
func SaveCustomers(app core.App, f CustomersFile, progress func(done, total int)) ImportSummary {
	return saveCustomers(app, f, "", progress)
}

// saveCustomers is SaveCustomers, marking each customer it creates with
// the import job that made them (none when job is "").
func saveCustomers(app core.App, f CustomersFile, job string, progress func(done, total int)) ImportSummary {
	sum := ImportSummary{Rejected: append([]Rejection(nil), f.Rejected...)}
	done := len(f.Rejected)
	for start := 0; start < len(f.Lines); start += customerBatch {
		batch := f.Lines[start:min(start+customerBatch, len(f.Lines))]
		created, skipped, err := saveCustomerBatch(app, batch, job)
		if err != nil {
			created, skipped = 0, 0
			for _, line := range batch {
				c, s, err := saveCustomerBatch(app, []CustomerLine{line}, job)
				if err != nil {
					sum.Rejected = append(sum.Rejected, unsaved(line.Line, err))
				}
				created, skipped = created+c, skipped+s
			}
		}
		sum.Created += created
		sum.Duplicates += skipped
		done += len(batch)
		if progress != nil {
			progress(done, f.Total)
		}
	}
	sort.Slice(sum.Rejected, func(i, j int) bool { return sum.Rejected[i].Line < sum.Rejected[j].Line })
	return sum
}

// saveCustomerBatch creates the customers of lines that are not there yet,
// all in one transaction, and counts those created and those skipped; each
// created customer names job, when given, as their import.
func saveCustomerBatch(app core.App, lines []CustomerLine, job string) (created, skipped int, err error) {
	err = app.RunInTransaction(func(tx core.App) error {
		created, skipped = 0, 0
		for _, line := range lines {
			_, err := customers.FindByEmail(tx, line.Email)
			if err == nil {
				skipped++
				continue
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			person := customers.Person{Name: line.Name, Email: line.Email, Company: line.Company, Title: line.Title,
				Source: line.Source, SourceDetail: line.SourceDetail, Import: job, Locale: line.Locale}
			if _, err := customers.Create(tx, person); err != nil {
				return err
			}
			created++
		}
		return nil
	})
	return created, skipped, err
}
