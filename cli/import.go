package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"warmloop/internal/intake"
)

// NewImportCommand is `warmloop import`, with its customers and moments subcommands.
func NewImportCommand(app core.App) *cobra.Command {
	imp := &cobra.Command{
		Use:   "import",
		Short: "Import records from CSV files",
	}
	imp.AddCommand(importCommand(app, "customers FILE.csv",
		"Import customers (columns: email; optional name,company,title,source)",
		"Import customers from a CSV file with a header row. Customers whose email is already known are\n"+
			"skipped. Exits non-zero when any line was rejected; the summary lists each with its line number and reason.",
		intake.ImportCustomers,
		"some lines were rejected; fix them and import the file again (customers already there are skipped)"))
	imp.AddCommand(importCommand(app, "moments FILE.csv",
		"Import happy moments (columns: email,kind,score,comment,occurred_at,external_id; optional name,company)",
		"Import moments from a CSV file with a header row. Each valid line becomes a moment and fires the\n"+
			"same ask rule as the API. Lines with an external_id already imported are skipped as duplicates.\n"+
			"Exits non-zero when any line was rejected; the summary lists each with its line number and reason.",
		intake.ImportMoments,
		"some lines were rejected; fix them and import the file again (imported lines are skipped as duplicates when they have an external_id)"))
	return imp
}

// importCommand runs one CSV import with a progress bar and prints its
// summary. A file that is not UTF-8 text is refused before any line is read,
// by the same check as the dashboard's import.
func importCommand(app core.App, use, short, long string,
	run func(core.App, io.Reader, func(done, total int)) (intake.ImportSummary, error), rejected string) *cobra.Command {
	return &cobra.Command{
		Use: use, Short: short, Long: long,
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(c *cobra.Command, args []string) error {
			if err := migrate(app); err != nil {
				return err
			}
			data, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			if err := intake.CheckCSVText(filepath.Base(args[0]), data); err != nil {
				return err
			}
			sum, err := run(app, bytes.NewReader(data), progressBar(c.ErrOrStderr()))
			if err != nil {
				return err
			}
			fmt.Fprintln(c.OutOrStdout(), sum)
			if len(sum.Rejected) > 0 {
				return errors.New(rejected)
			}
			return nil
		},
	}
}

// progressBar draws a bar on w when w is a terminal, and nothing otherwise.
func progressBar(w io.Writer) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok || !isatty.IsTerminal(f.Fd()) {
		return nil
	}
	return func(done, total int) {
		if total == 0 {
			return
		}
		const width = 30
		filled := width * done / total
		fmt.Fprintf(w, "\r[%s%s] %d/%d", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), done, total)
		if done == total {
			fmt.Fprintln(w)
		}
	}
}
