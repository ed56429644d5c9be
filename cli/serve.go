package cli

import (
	"fmt"
	"time"

	"github.com/fatih/color"
	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/cmd"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"warmloop/internal/demo"
	"warmloop/internal/program"
)

// newServeCommand is PocketBase's serve command with a --demo flag that seeds
// the demo program (once) and makes a first superuser before serving.
func newServeCommand(app *pocketbase.PocketBase) *cobra.Command {
	serve := cmd.NewServeCommand(app, true)
	var withDemo bool
	serve.Flags().BoolVar(&withDemo, "demo", false, "seed the demo program (once) and create a first superuser if there is none")
	// The domains given as arguments get a certificate: links use the first.
	var domains []string
	run := serve.RunE
	serve.RunE = func(c *cobra.Command, args []string) error {
		domains = args
		return run(c, args)
	}

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if withDemo {
			if err := prepareDemo(se.App); err != nil {
				return err
			}
		}
		// PocketBase's serve sets --https itself when domains are given.
		l := program.Listener{Addr: se.Server.Addr, TLS: serve.Flag("https").Value.String() != "", Domains: domains}
		program.Listening(se.App, l)
		base := l.URL()
		color.New(color.Bold, color.FgGreen).Printf("Warmloop is starting\n")
		fmt.Printf("├─ Referral program dashboard: %s\n", color.CyanString("%s/dashboard", base))
		fmt.Printf("└─ Home and system status:     %s\n", color.CyanString("%s/", base))
		return se.Next()
	})
	return serve
}

// prepareDemo seeds the demo program and makes the first superuser, printing
// its password once.
func prepareDemo(app core.App) error {
	sum, err := demo.Seed(app, time.Now())
	if err != nil {
		return fmt.Errorf("seeding the demo program: %w", err)
	}
	fmt.Println(sum)
	email, password, err := demo.EnsureSuperuser(app)
	if err != nil {
		return fmt.Errorf("creating the first superuser: %w", err)
	}
	if password != "" {
		color.New(color.Bold, color.FgYellow).Println("A superuser was created for you. This password is shown once; change it after signing in:")
		fmt.Printf("   email:    %s\n   password: %s\n", email, password)
	}
	return nil
}
