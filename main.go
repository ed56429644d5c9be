// Warmloop: a self-hosted B2B referral program in one binary, built on PocketBase.
// This file only wires: migrations, hooks, views, jobs and commands.
package main

import (
	"os"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"warmloop/cli"
	"warmloop/hooks"
	"warmloop/internal/sqlitedb"
	"warmloop/jobs"
	_ "warmloop/pb_migrations"
	"warmloop/views"
)

func main() {
	// NewWithConfig rather than New: under `go run` New turns on dev mode,
	// which logs every SQL statement and buries the first-run instructions.
	// The read pool stays open and each connection keeps a small page
	// cache: see package sqlitedb.
	app := pocketbase.NewWithConfig(pocketbase.Config{
		DataMaxOpenConns: sqlitedb.ReadConns,
		DataMaxIdleConns: sqlitedb.ReadConns,
		DBConnect:        sqlitedb.Connect,
	})

	// Migrations are written by hand in Go; the admin UI never writes new ones.
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{Dir: "pb_migrations"})

	hooks.Register(app)
	views.Register(app)
	jobs.Register(app)

	app.RootCmd.AddCommand(cli.NewDemoCommand(app))
	app.RootCmd.AddCommand(cli.NewImportCommand(app))
	app.RootCmd.AddCommand(cli.NewCadenceCommand(app))
	app.RootCmd.AddCommand(cli.NewStatsCommand(app))
	app.RootCmd.AddCommand(cli.NewPrivacyCommand(app))
	app.RootCmd.AddCommand(cli.NewSummaryCommand(app))

	os.Exit(cli.Execute(app))
}
