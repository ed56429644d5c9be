package cli

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"warmloop/internal/asks"
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
			fmt.Fprintf(c.OutOrStdout(), "cadence pass: %d asks queued, %d customers at their touch limit now rest until their next happy moment\n", rep.Asked, rep.Rested)
			return nil
		},
	})
	return cmd
}
