# minhbach in a container: a Rust stage builds one statically linked binary, the final image
# holds that binary alone (distroless/static: no shell, no package manager, about 2 MB besides).
#
#   docker build -t minhbach .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" minhbach build
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" minhbach build --base-url https://example.gov.vn/cds/
#   docker run --rm minhbach help format
#
# The site's folder is mounted at /site (the working directory); `build` writes /site/public.

# The oldest Rust the crate declares (rust-version in Cargo.toml), so the image also proves it.
ARG RUST_VERSION=1.91

FROM rust:${RUST_VERSION}-slim-bookworm AS build
WORKDIR /src
COPY . .
# glibc linked in (+crt-static) for the build machine's own architecture (x86_64 or aarch64).
RUN target="$(uname -m)-unknown-linux-gnu" \
    && RUSTFLAGS='-C target-feature=+crt-static' cargo build --release --locked --target "$target" \
    && cp "target/$target/release/minhbach" /minhbach \
    && strip /minhbach \
    && /minhbach --version

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /minhbach /usr/local/bin/minhbach
WORKDIR /site
ENTRYPOINT ["/usr/local/bin/minhbach"]
CMD ["build"]
