package cli

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"warmloop/internal/demo"
)

// NewDemoCommand is `warmloop demo`: seed the demo program into the data dir.
func NewDemoCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:          "demo",
		Short:        "Seed a realistic demo referral program (once; running it again adds nothing)",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := migrate(app); err != nil {
				return err
			}
			sum, err := demo.Seed(app, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintln(c.OutOrStdout(), sum)
			return nil
		},
	}
}
