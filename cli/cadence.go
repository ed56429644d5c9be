package cli

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"warmloop/internal/asks"
	"warmloop/internal/text"
)

// NewCadenceCommand is `warmloop cadence run`: one cadence pass now.
func NewCadenceCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{Use: "cadence", Short: "Work with the ask cadence"}
	cmd.AddCommand(&cobra.Command{
		Use:          "run",
		Short:        "Make one cadence pass now: ask every customer who is due, and print what was done",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := migrate(app); err != nil {
				return err
			}
			rep, err := asks.RunCadence(app, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "cadence pass: %s queued, %s at their touch limit now %s until their next happy moment\n",
				text.Count(rep.Asked, "ask", "asks"), text.Count(rep.Rested, "customer", "customers"), map[bool]string{true: "rests", false: "rest"}[rep.Rested == 1])
			return nil
		},
	})
	return cmd
}
