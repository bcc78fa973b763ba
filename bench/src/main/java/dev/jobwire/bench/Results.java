package dev.jobwire.bench;
public final class Results { static void number(com.google.gson.JsonObject j, String n, double v){ if(Double.isFinite(v)) j.addProperty(n, Math.round(v*1000)/1000.0); else j.add(n, com.google.gson.JsonNull.INSTANCE);} }
