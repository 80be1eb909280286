# The image the cluster recipes (config/cluster/) run: the manager (narrate) and the workers (worker)
# are the same jar. Build the jar first (./mvnw -B -ntp -DskipTests package), then:
#   docker build -t registry.example.org/nightcast:1.0 .
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 nightcast \
    && useradd --system --uid 10001 --gid nightcast --home-dir /app --shell /usr/sbin/nologin nightcast \
    && mkdir -p /app/data && chown nightcast:nightcast /app/data
# The embedded default database (H2, ./data/nightcast) lives under the working directory; the
# non-root user may write there and nowhere else in the image (mount a volume on /app/data to keep it).
WORKDIR /app
COPY --chown=nightcast:nightcast target/nightcast.jar /app/nightcast.jar
USER 10001:10001

# The command (narrate, worker, status, ...) and its options come from the container's args.
ENTRYPOINT ["java", "-jar", "/app/nightcast.jar"]
