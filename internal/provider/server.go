package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewProtocol6 returns the provider's protocol 6 server: the framework's server
// (providerserver.NewProtocol6) behind releasingServer, which lets the memory of
// each resource and data source request go once the request has been answered.
//
// Why: terraform-plugin-framework v1.19.0 (internal/proto6server/serve.go:24-30,
// registerContext) derives every request's context with context.WithCancel and
// appends the CancelFunc to a slice on the server, Server.contextCancels, so that
// StopProvider can cancel the requests in flight. Nothing removes an entry when
// its request ends; only StopProvider (a Ctrl-C) clears the slice. Each CancelFunc
// holds its context, and so the whole parent chain terraform-plugin-go built for
// the request: the gRPC stream context and metadata, and terraform-plugin-log's
// per-request loggers and options (hclog loggers, LoggerOpts copies, the request
// ID and RPC fields). At N = 300 a provider process handles one to two thousand
// such requests and kept all of them, which made the live heap grow with N (14 to
// 21 MB after GC at the end of a command) and the peak RSS 60-66 MB; with this
// wrapper the live heap stays at about 3 MB and the peak at about 30 MB
// (BENCHMARKS.md, "Peak RSS").
func NewProtocol6(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return releasing(providerserver.NewProtocol6(New(version)())())
	}
}

// NewProtocol6WithError is NewProtocol6 for terraform-plugin-testing's
// ProtoV6ProviderFactories.
func NewProtocol6WithError(version string) func() (tfprotov6.ProviderServer, error) {
	f := NewProtocol6(version)
	return func() (tfprotov6.ProviderServer, error) { return f(), nil }
}

// frameworkServer is every interface the framework's server implements; the
// wrapper embeds it so that terraform-plugin-go still finds the optional ones
// (list resources, actions, state stores) by type assertion. They are deprecated
// only because their methods will move into ProviderServer; until then
// tf6server asserts them, and when they are removed this stops compiling and
// ProviderServer alone is the right thing to embed.
type frameworkServer interface {
	tfprotov6.ProviderServerWithListResource //nolint:staticcheck // still asserted by tf6server (above)
	tfprotov6.ProviderServerWithActions      //nolint:staticcheck // still asserted by tf6server (above)
	tfprotov6.ProviderServerWithStateStores  //nolint:staticcheck // still asserted by tf6server (above)
}

func releasing(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	fs, ok := s.(frameworkServer)
	if !ok {
		// A framework version without one of the optional interfaces: serve it
		// unwrapped rather than hide an RPC (TestRequestContextsReleased fails then).
		return s
	}
	return releasingServer{fs}
}

// releasingServer passes each resource and data source request to the framework
// with a context (requestContext) that delegates to the request's own context
// while the request runs and is cut from it when the request returns. The
// framework's CancelFunc then holds about 115 bytes instead of the request's
// context chain. These are the RPCs Terraform calls once per resource instance
// (several times each in a plan or apply of N); the others run once per provider
// process, and this provider has no functions, ephemeral resources, list resources,
// actions or state stores.
type releasingServer struct {
	frameworkServer
}

// detached runs one request with a requestContext and releases it afterwards.
func detached[Req, Resp any](ctx context.Context, req Req, rpc func(context.Context, Req) (Resp, error)) (Resp, error) {
	rc := newRequestContext(ctx)
	defer rc.release()
	return rpc(rc, req)
}

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return detached(ctx, req, s.frameworkServer.ValidateResourceConfig)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return detached(ctx, req, s.frameworkServer.UpgradeResourceState)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return detached(ctx, req, s.frameworkServer.ReadResource)
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return detached(ctx, req, s.frameworkServer.PlanResourceChange)
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return detached(ctx, req, s.frameworkServer.ApplyResourceChange)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return detached(ctx, req, s.frameworkServer.ImportResourceState)
}

func (s releasingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return detached(ctx, req, s.frameworkServer.MoveResourceState)
}

func (s releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return detached(ctx, req, s.frameworkServer.UpgradeResourceIdentity)
}

func (s releasingServer) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return detached(ctx, req, s.frameworkServer.GenerateResourceConfig)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return detached(ctx, req, s.frameworkServer.ValidateDataResourceConfig)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return detached(ctx, req, s.frameworkServer.ReadDataSource)
}

// requestContext is a context.Context that forwards to the request's context until
// release, and afterwards behaves as a canceled context with no values, as the
// request's own context does once gRPC has answered (gRPC cancels a stream's
// context when its handler returns). Contexts derived from it while the request
// runs keep working: context.WithCancel finds the cancelCtx of the parent through
// Value and Done, and registers with it directly.
type requestContext struct {
	parent atomic.Pointer[context.Context]
}

// releasedContext is what a requestContext forwards to after release.
var releasedContext = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

func newRequestContext(ctx context.Context) *requestContext {
	rc := &requestContext{}
	rc.parent.Store(&ctx)
	return rc
}

func (c *requestContext) release() { c.parent.Store(&releasedContext) }

func (c *requestContext) ctx() context.Context { return *c.parent.Load() }

func (c *requestContext) Deadline() (deadline time.Time, ok bool) { return c.ctx().Deadline() }
func (c *requestContext) Done() <-chan struct{}                   { return c.ctx().Done() }
func (c *requestContext) Err() error                              { return c.ctx().Err() }
func (c *requestContext) Value(key any) any                       { return c.ctx().Value(key) }
