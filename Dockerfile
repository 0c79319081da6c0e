# syntax=docker/dockerfile:1
# Build: the same Maven build as CI, tests left to CI.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src ./src
COPY topologies.yaml .
# The embedded schema registry is for local runs and tests only: not fetched into the image.
RUN mvn -B -q package -DskipTests -DskipRegistryFetch

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/healthstreams healthstreams \
 && mkdir -p /var/lib/healthstreams /etc/healthstreams \
 && chown healthstreams /var/lib/healthstreams
COPY --from=build /src/target/healthstreams.jar /app/healthstreams.jar
COPY topologies.yaml /etc/healthstreams/topologies.yaml
USER healthstreams
VOLUME /var/lib/healthstreams
ENV HEALTHSTREAMS_STATE_DIR=/var/lib/healthstreams \
    HEALTHSTREAMS_HTTP_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/health/ready || exit 1
# The same command line RunCommandIT runs outside Docker; arguments choose the topologies,
# e.g. `docker run IMAGE --topology observation-alerting`.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/healthstreams.jar", "run", "--config", "/etc/healthstreams/topologies.yaml"]
CMD ["--topology", "all"]
