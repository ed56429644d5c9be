package cli

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"warmloop/internal/summary"
)

// NewSummaryCommand is `warmloop summary send`: the weekly summary of the
// past seven days, queued now for the owners and the team's chat. The
// server's outbox sends it; a week already summarised is sent again only
// with --again.
func NewSummaryCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{Use: "summary", Short: "Work with the weekly summary"}
	var again bool
	send := &cobra.Command{
		Use:          "send",
		Short:        "Queue the weekly summary of the past 7 days now, for the owners' email and the team's chat",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := migrate(app); err != nil {
				return err
			}
			now := summary.InZone(app, time.Now())
			week := summary.Week(now)
			sent := true
			var err error
			if again {
				err = summary.SendAgain(app, now)
			} else {
				sent, err = summary.Send(app, now)
			}
			if err != nil {
				return err
			}
			if !sent {
				fmt.Fprintf(c.OutOrStdout(), "this week's summary (%s) was queued already; add --again to send it once more\n", week)
				return nil
			}
			fmt.Fprintf(c.OutOrStdout(), "the summary of the 7 days to now is queued (week %s); the running server's outbox sends it\n", week)
			return nil
		},
	}
	send.Flags().BoolVar(&again, "again", false, "send it even if this week's summary was sent")
	cmd.AddCommand(send)
	return cmd
}
