package provider

import (
	"context"
	"testing"
	"time"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// config is a provider configuration with the given top-level numbers; every other
// attribute and every block is null.
func config(t *testing.T, set map[string]float64) tfsdk.Config {
	t.Helper()
	var sr fwprovider.SchemaResponse
	New("test")().Schema(context.Background(), fwprovider.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(context.Background()).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = tftypes.NewValue(tftypes.Number, v)
			continue
		}
		vals[name] = tftypes.NewValue(at, nil)
	}
	return tfsdk.Config{Schema: sr.Schema, Raw: tftypes.NewValue(typ, vals)}
}

func TestTransportSettings(t *testing.T) {
	ctx := context.Background()
	s, diags := transportSettings(ctx, config(t, nil), "1.2.3")
	if diags.HasError() {
		t.Fatal(diags)
	}
	if s.MaxRetries != 6 || s.RetryMinWait != time.Second || s.RetryMaxWait != 30*time.Second || s.RequestTimeout != 60*time.Second ||
		s.RequestsPerSecond != 0 || s.UserAgent != "terraform-provider-registrar/1.2.3" {
		t.Errorf("defaults: %+v", s)
	}
	s, diags = transportSettings(ctx, config(t, map[string]float64{
		"max_retries": 2, "retry_min_wait_seconds": 3, "retry_max_wait_seconds": 7, "request_timeout_seconds": 9, "requests_per_second": 2.5,
	}), "dev")
	if diags.HasError() {
		t.Fatal(diags)
	}
	if s.MaxRetries != 2 || s.RetryMinWait != 3*time.Second || s.RetryMaxWait != 7*time.Second || s.RequestTimeout != 9*time.Second || s.RequestsPerSecond != 2.5 {
		t.Errorf("set: %+v", s)
	}
}
