# cloudfront-invalidate as a container image for CI pipelines.
#
#   docker build -t cloudfront-invalidate .                      # the default: FROM scratch, about 24 MB
#   docker build --target debian -t cloudfront-invalidate:debian .  # Debian slim with apt, for those who want it
#   docker run --rm -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e CLOUDFRONT_DISTRIBUTION_ID \
#       cloudfront-invalidate '/index.html' '/assets/*'
#
# The binary is the one scripts/build-static makes (one recipe for the release asset and the image): fully static,
# so the default image holds nothing else but a CA bundle, a passwd entry for the non-root user (UID 10001) and a
# static busybox sh, so GitLab's Docker executor can run `script:` lines. Both base images are arguments so a
# mirror or a locally made base can stand in (see scripts/build-image).

ARG SWIFT_IMAGE=docker.io/library/swift:6.3-bookworm
ARG RUNTIME_IMAGE=docker.io/library/debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
# The minimal libcurl first, in its own layer: it depends only on the script, not on the sources.
COPY scripts/build-static ./scripts/build-static
RUN DEPS_ONLY=1 DEPS_DIR=/var/cache/cloudfront-invalidate-static scripts/build-static
# Every target path in Package.swift (Sources, Tests, bench): SwiftPM refuses a manifest whose paths are missing.
# Package.resolved is optional (git-ignored); the glob copies it when present so builds use the pinned versions.
COPY Package.* ./
COPY Sources ./Sources
COPY Tests ./Tests
COPY bench ./bench
ARG VERSION=
ARG REVISION=unknown
RUN VERSION="${VERSION}" REVISION="${REVISION}" DEPS_DIR=/var/cache/cloudfront-invalidate-static \
        scripts/build-static \
    && .build/static/cloudfront-invalidate --version --verbose
# The scratch image's file system: the binary, Debian's CA bundle, a static busybox as /bin/sh, the user.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends busybox-static ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /rootfs/usr/local/bin /rootfs/bin /rootfs/etc/ssl/certs /rootfs/tmp /rootfs/home/cloudfront \
    && install -m 0755 .build/static/cloudfront-invalidate /rootfs/usr/local/bin/cloudfront-invalidate \
    && install -m 0755 /bin/busybox /rootfs/bin/busybox \
    && ln -s busybox /rootfs/bin/sh \
    && install -m 0644 /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/ca-certificates.crt \
    && printf 'root:x:0:0:root:/root:/bin/sh\ncloudfront:x:10001:10001:cloudfront-invalidate:/home/cloudfront:/bin/sh\n' \
        >/rootfs/etc/passwd \
    && printf 'root:x:0:\ncloudfront:x:10001:\n' >/rootfs/etc/group \
    && printf 'hosts: files dns\n' >/rootfs/etc/nsswitch.conf \
    && chmod 1777 /rootfs/tmp \
    && chown 10001:10001 /rootfs/home/cloudfront

# `--target debian`: the same static binary on Debian slim, for users who want apt in the image.
FROM ${RUNTIME_IMAGE} AS debian
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
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/apt/* /var/log/dpkg.log \
    && useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin cloudfront
COPY --from=build /rootfs/usr/local/bin/cloudfront-invalidate /usr/local/bin/cloudfront-invalidate
USER 10001:10001
WORKDIR /home/cloudfront
ENTRYPOINT ["cloudfront-invalidate"]

# The default image (the last stage): nothing but the files assembled above.
FROM scratch AS runtime
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
      org.opencontainers.image.documentation="${SOURCE}#readme"
COPY --from=build /rootfs/ /
ENV PATH=/usr/local/bin:/bin HOME=/home/cloudfront
USER 10001:10001
WORKDIR /home/cloudfront
# No CMD: with no arguments the binary reads everything from CLOUDFRONT_* variables.
ENTRYPOINT ["cloudfront-invalidate"]
