# cloudfront-invalidate as a container image for CI pipelines.
#
#   docker build -t cloudfront-invalidate .
#   docker run --rm -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e CLOUDFRONT_DISTRIBUTION_ID \
#       cloudfront-invalidate '/index.html' '/assets/*'
#
# Stage 1 builds a release binary with the Swift standard library linked in statically, so the runtime stage needs
# no Swift runtime: only the C libraries the binary links (libcurl with OpenSSL, libyaml, expat) and CA certificates.
# Both base images are arguments so a mirror or a locally made base can stand in (see scripts/build-image).

ARG SWIFT_IMAGE=docker.io/library/swift:6.3-bookworm
ARG RUNTIME_IMAGE=docker.io/library/debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
# The -dev packages of the four C libraries the package's system-library targets name (pkg-config finds them).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libcurl4-openssl-dev libssl-dev libyaml-dev libexpat1-dev pkg-config binutils \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Package.resolved is optional (not committed); the glob copies it when present so builds use the pinned versions.
COPY Package.* ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product cloudfront-invalidate \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/cloudfront-invalidate" \
        /out/cloudfront-invalidate \
    && strip /out/cloudfront-invalidate \
    && /out/cloudfront-invalidate --version

FROM ${RUNTIME_IMAGE} AS runtime
ARG RUNTIME_IMAGE
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=https://github.com/cloudfront-invalidate/cloudfront-invalidate
LABEL org.opencontainers.image.title="cloudfront-invalidate" \
      org.opencontainers.image.description="Create Amazon CloudFront invalidations from CI pipelines, and wait for them." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.url="${SOURCE}" \
      org.opencontainers.image.documentation="${SOURCE}#readme" \
      org.opencontainers.image.base.name="${RUNTIME_IMAGE}"
# Only what the binary loads at run time: libcurl4 (OpenSSL flavour, brings libssl3), libyaml, expat, and the CA
# bundle libcurl verifies TLS against. The user has a fixed UID so pipelines can map file ownership.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libcurl4 libyaml-0-2 libexpat1 libstdc++6 \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/apt/* /var/log/dpkg.log \
    && useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin cloudfront
COPY --from=build /out/cloudfront-invalidate /usr/local/bin/cloudfront-invalidate
USER 10001:10001
WORKDIR /home/cloudfront
# No CMD: with no arguments the binary reads everything from CLOUDFRONT_* variables.
ENTRYPOINT ["cloudfront-invalidate"]
