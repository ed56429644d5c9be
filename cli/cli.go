// Package cli holds Warmloop's commands beside PocketBase's own, and runs the
// root command so that a failing command ends the process with a non-zero code.
package cli

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/cmd"
	"github.com/pocketbase/pocketbase/core"
)

// Execute adds PocketBase's serve (with Warmloop's --demo flag) and superuser
// commands, runs the command line and returns the process exit code.
//
// PocketBase v0.39 ignores the error of the command it ran, so the exit code
// would be 0 even when a command failed. Cobra reports every failure, whether
// from a command's RunE, a bad flag or an unknown command, on the root
// command's error writer; watching that writer tells us a command failed.
func Execute(app *pocketbase.PocketBase) int {
	app.RootCmd.AddCommand(cmd.NewSuperuserCommand(app))
	app.RootCmd.AddCommand(newServeCommand(app))

	failed := &failureWatch{w: os.Stderr}
	app.RootCmd.SetErr(failed)
	if err := app.Execute(); err != nil {
		app.Logger().Error("warmloop stopped with an error", "error", err)
		os.Stderr.WriteString("Error: " + err.Error() + "\n")
		return 1
	}
	if failed.seen.Load() {
		return 1
	}
	return 0
}

// failureWatch forwards cobra's error output and remembers that there was some.
type failureWatch struct {
	w    io.Writer
	seen atomic.Bool
}

func (f *failureWatch) Write(p []byte) (int, error) {
	f.seen.Store(true)
	return f.w.Write(p)
}

// migrate applies the pending migrations before a command reads the
// program: PocketBase's own commands do not run them for ours.
func migrate(app core.App) error {
	if err := app.RunAllMigrations(); err != nil {
		return fmt.Errorf("applying migrations: %w", err)
	}
	return nil
}
