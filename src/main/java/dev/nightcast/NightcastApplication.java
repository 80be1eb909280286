package dev.nightcast;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class NightcastApplication {
}
